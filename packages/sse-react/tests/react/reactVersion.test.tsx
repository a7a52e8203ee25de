import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';

// Guards the test matrix itself: each project must really run on the React it is named after,
// with react-dom and Testing Library bound to that same React.
it('runs on the React major the Vitest project is named after', () => {
  render(<output>{version}</output>);
  expect(screen.getByRole('status').textContent).toBe(version);
  expect(domVersion).toBe(version);
  expect(version.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR);
});
