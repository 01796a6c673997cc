import type { ComponentChildren } from 'preact';
import type { Loaded } from '../use-api';

/** A titled part of a page that shows its call's state: loading, the refusal or error in words, or the content. */
export function Section<T>(props: { title: string; loaded: Loaded<T>; id?: string; children: (data: T) => ComponentChildren }) {
  const { title, loaded } = props;
  const headingId = `${props.id ?? slug(title)}-title`;
  return (
    <section class="card" aria-labelledby={headingId} data-state={loaded.state} id={props.id ?? slug(title)}>
      <h2 id={headingId}>{title}</h2>
      {loaded.state === 'loading' && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {loaded.state === 'error' && (
        <p class="error" role="alert">
          {loaded.status ? `${loaded.status}: ` : ''}
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ok' && props.children(loaded.data)}
    </section>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
