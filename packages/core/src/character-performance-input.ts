// The create input as callers write it: the spec's request type with every property that has a spec
// default made optional (the set of such keys comes from the generated defaults, not from a list here).
import type {
  characterPerformanceRequestDefaults,
  contentModerationDefaults,
} from './generated/cometapi-runway/defaults.gen.js';
import type { components } from './generated/cometapi-runway/types.gen.js';

/** The full request body the provider receives (every field the seed marks required). */
export type CharacterPerformanceRequest = components['schemas']['CharacterPerformanceRequest'];

type ContentModeration = components['schemas']['ContentModeration'];
/** Keys the caller may leave out: every key with a spec default, and `seed` (a random one is sent). */
type DefaultedKey = keyof typeof characterPerformanceRequestDefaults | 'seed';
type DefaultedModerationKey = keyof typeof contentModerationDefaults;

/**
 * Input of `characterPerformance.create`/`run`: `character` and `reference` are required; `bodyControl`,
 * `expressionIntensity`, `model`, `ratio` and `contentModeration` default to the spec's defaults, and a
 * missing `seed` becomes a random integer in the spec's range (Runway's own behaviour; see the spec).
 */
export type CharacterPerformanceInput = Omit<
  CharacterPerformanceRequest,
  DefaultedKey | 'contentModeration'
> &
  Partial<Pick<CharacterPerformanceRequest, Exclude<DefaultedKey, 'contentModeration'>>> & {
    /** The provider's moderation threshold; `publicFigureThreshold` defaults to the spec's default. */
    contentModeration?: Omit<ContentModeration, DefaultedModerationKey> &
      Partial<Pick<ContentModeration, DefaultedModerationKey>>;
  };
