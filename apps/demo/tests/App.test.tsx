import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { App } from '../src/App';

it('renders the dashboard heading', () => {
  render(<App />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('SSE kit');
});
