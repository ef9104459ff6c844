// A progress display on stderr: a redrawn bar on a terminal, one line per change otherwise (CI logs and
// pipes should not fill with carriage returns).
import type { Task } from '../index.js';

export interface ProgressDisplay {
  task(task: Task): void;
  download(fraction: number | undefined, bytes: number): void;
  done(): void;
}

const width = 30;
const bar = (fraction: number) => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
};

export function createProgressDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const tty = stream.isTTY === true;
  let lastLine = '';
  let drawn = false;
  const show = (line: string) => {
    if (line === lastLine) return;
    lastLine = line;
    if (tty) {
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else stream.write(`${line}\n`);
  };
  let lastDownloadStep = -1;
  return {
    task(task) {
      show(`${bar(task.progress)} ${String(Math.round(task.progress * 100)).padStart(3)}% ${task.status}`);
    },
    download(fraction, bytes) {
      const kb = `${Math.round(bytes / 1024)} KB`;
      if (tty) return show(`${fraction === undefined ? '' : `${bar(fraction)} `}downloading ${kb}`);
      // Off a terminal, report downloads in 25 % steps only.
      const step = fraction === undefined ? 0 : Math.floor(fraction * 4);
      if (step !== lastDownloadStep) {
        lastDownloadStep = step;
        show(`downloading ${kb}${fraction === undefined ? '' : ` (${Math.round(fraction * 100)}%)`}`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
