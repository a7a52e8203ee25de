import type { ComponentType, ReactNode } from 'react';
import { findUnserializable } from './findUnserializable';

/**
 * A Client Component as a Server Component sees it: the same component, after a check that its
 * props can cross to the browser. React refuses a function prop with a message about "use server";
 * this names the prop and says what to do instead, before React gets there.
 */
export function clientOnly<C extends (props: never) => ReactNode>(Component: C, name: string, noun = 'it'): C {
  const Render = Component as unknown as ComponentType<object>;
  function ServerChecked(props: object) {
    const found = findUnserializable(props);
    if (found !== null) {
      throw new Error(
        `[@kit/sse-react] <${name}> is rendered by a Server Component, and its ${found.path} is ${found.what}. ` +
          `<${name}> is a Client Component: its props must be plain values that can be sent to the browser ` +
          '(strings, numbers, booleans, plain objects and arrays, such as a url and a headers object), never functions or class instances. ' +
          `Move ${noun} into a Client Component: a file that starts with 'use client' and renders <${name}> with your functions, ` +
          'then render that component from the page (the "Next.js App Router" section of the @kit/sse-react README shows one).',
      );
    }
    return <Render {...props} />;
  }
  ServerChecked.displayName = name;
  // The same props as the client component: only the check is added.
  return ServerChecked as unknown as C;
}
