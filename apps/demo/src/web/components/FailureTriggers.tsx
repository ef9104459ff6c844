// Emulator mode only: one click puts a failure trigger word into the character URL, to see how the page
// explains a failed task. (The emulator fails any task whose asset URL contains such a word.)
const triggers = [
  { word: 'fail-moderation', label: 'Moderation' },
  { word: 'fail-asset', label: 'Bad asset' },
  { word: 'fail-unavailable', label: 'Provider unavailable' },
  { word: 'fail-internal', label: 'Internal error' },
] as const;

export function FailureTriggers({ onPick }: { onPick: (characterUri: string) => void }) {
  return (
    <p className="triggers">
      Try a failure:{' '}
      {triggers.map(({ word, label }) => (
        <button
          key={word}
          type="button"
          className="link-button"
          onClick={() => onPick(`https://assets.example.com/${word}/character.png`)}
        >
          {label}
        </button>
      ))}
    </p>
  );
}
