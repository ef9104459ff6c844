// The form's choices, ranges and defaults, straight from the browser contract's generated code
// (specs/actkit-server → packages/core/src/generated): a spec change reaches this page with `pnpm generate`.
import { characterPerformanceInputDefaults } from '../../../../../packages/core/src/generated/actkit-server/defaults.gen.js';
import {
  zCharacterImage,
  zCharacterVideo,
  zExpressionIntensity,
  zPublicFigureThreshold,
  zRatio,
  zSeed,
} from '../../../../../packages/core/src/generated/actkit-server/zod.gen.js';

export const specDefaults = characterPerformanceInputDefaults;

export const characterTypes = [zCharacterImage.shape.type.value, zCharacterVideo.shape.type.value] as const;
export type CharacterType = (typeof characterTypes)[number];

export const ratioOptions = zRatio.options;
export type Ratio = (typeof ratioOptions)[number];

export const publicFigureThresholdOptions = zPublicFigureThreshold.options;
export type PublicFigureThreshold = (typeof publicFigureThresholdOptions)[number];

const intensity = zExpressionIntensity.unwrap();
export const expressionIntensityRange = { min: intensity.minValue ?? 1, max: intensity.maxValue ?? 5 };

// No default: an empty seed field sends no seed, and the server draws a random one (Runway's behaviour).
export const seedRange = { min: zSeed.minValue ?? 0, max: zSeed.maxValue ?? Number.MAX_SAFE_INTEGER };
