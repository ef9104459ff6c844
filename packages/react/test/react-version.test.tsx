// Proves which React each project runs: the React 18 project must not quietly fall back to React 19.
import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, inject, it } from 'vitest';

it('runs the expected React major in react, react-dom and the renderer', () => {
  expect(version.split('.')[0]).toBe(inject('reactMajor'));
  expect(domVersion).toBe(version);
  render(<p>React {version}</p>);
  expect(screen.getByText(`React ${version}`)).toBeTruthy();
});
