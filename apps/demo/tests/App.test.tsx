import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { App } from '../src/App';
import { routes } from '../src/routes';

beforeEach(() => {
  // Pages without a stream, so this test needs no server.
  window.location.hash = '#/docs/';
});
afterEach(cleanup);

it('links every example page from the navigation', () => {
  render(<App />);
  const nav = screen.getByRole('navigation', { name: 'Examples' });
  for (const route of routes) {
    expect(nav.querySelector(`a[href="#${route.path}"]`)?.textContent).toBe(route.title);
  }
  expect(screen.getByRole('link', { name: 'API docs' }).getAttribute('aria-current')).toBe('page');
});

it('renders the API README as text on the docs page', () => {
  render(<App />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('@kit/sse-react');
});

it('says so when a page does not exist', () => {
  window.location.hash = '#/nope';
  render(<App />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Not found');
});
