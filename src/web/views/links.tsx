/** Links inside the dashboard (to another state, without a reload) and out to a figure's source. */
import type { ComponentChildren } from "preact";
import type { State } from "../state.ts";
import type { Ctx } from "./context.ts";

export function Link(props: {
  ctx: Ctx;
  to: State;
  children: ComponentChildren;
  current?: boolean;
  push?: boolean;
  lang?: string;
  label?: string;
  id?: string;
}) {
  const { ctx, to } = props;
  const onClick = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    ctx.go(to, props.push ?? true);
  };
  return (
    <a
      href={ctx.href(to)}
      onClick={onClick}
      aria-current={props.current ? "page" : undefined}
      lang={props.lang}
      aria-label={props.label}
      id={props.id}
    >
      {props.children}
    </a>
  );
}

export function SourceLink({ ctx, observationId }: { ctx: Ctx; observationId: string }) {
  const o = ctx.observations.get(observationId);
  const s = o ? ctx.sources.get(o.source_id) : undefined;
  const url = s?.url ?? s?.archived_url;
  if (!url) return null;
  return (
    <a href={url} rel="noopener noreferrer" class="source">
      {ctx.t.source}
    </a>
  );
}
