import { SSEProvider as ClientSSEProvider, type SSEProviderProps } from '../index';
import { findUnserializable } from './findUnserializable';

/**
 * SSEProvider as a Server Component sees it. React refuses a function prop on a Client Component
 * with a message about "use server"; this says what to do instead, before React gets there.
 */
export function SSEProvider(props: SSEProviderProps) {
  const found = findUnserializable(props);
  if (found !== null) {
    throw new Error(
      `[@kit/sse-react] <SSEProvider> is rendered by a Server Component, and its ${found.path} is ${found.what}. ` +
        'SSEProvider is a Client Component: its props must be plain values that can be sent to the browser ' +
        '(a url, a headers object, numbers, booleans), never functions or class instances. ' +
        "Move the provider into a Client Component: a file that starts with 'use client' and renders " +
        `<SSEProvider url={...} options={...}> with your functions, then render that component from the page (the "Next.js App Router" section of the @kit/sse-react README shows one).`,
    );
  }
  return <ClientSSEProvider {...props} />;
}
