import { z } from 'zod';
import { forbidden, staleCard } from '../src/core/errors';
import type { Person } from '../src/core/org/person';
import type { BotContext } from '../src/dispatch/context';
import type { CardResponse } from '../src/dispatch/inbound';
import { callbackButton, type ButtonType, type Element } from './components';

/**
 * A card action is declared once, with the shape of what its buttons carry and of its form. Card
 * builders make buttons through the declaration, so the compiler checks every key they put in a
 * value; the handler gets the value and form already parsed. Declarations live in the feature's
 * `<feature>-actions.ts` and handlers in `*.action.ts`, so cards never import handlers (which import
 * cards) and no import cycle can form.
 */
export interface ActionSpec<V extends z.ZodObject, F extends z.ZodType> {
  readonly id: string;
  readonly value: V;
  readonly form: F;
  button(label: string, value: z.input<V>, type?: ButtonType): Element;
  /** A form's submit button: Lark sends the form's values with the callback. */
  submit(label: string, name: string, value: z.input<V>, type?: ButtonType): Element;
  handle(run: (ctx: ActionContext, input: ActionInput<V, F>) => Promise<CardResponse>): ActionDef;
}

/** Only active members of the organisation reach a handler (the dispatcher answers everyone else). */
export type ActionContext = BotContext & { actor: Person };

export interface ActionInput<V extends z.ZodObject, F extends z.ZodType> {
  value: z.output<V>;
  form: z.output<F>;
}

/** What the dispatcher registers: the id and one entry point that parses before it runs. */
export interface ActionDef {
  readonly id: string;
  /** Throws the one stale-card error when the value or form is not what this action's cards carry. */
  invoke(ctx: BotContext, raw: { value: Record<string, unknown>; form: Record<string, unknown> | null }): Promise<CardResponse>;
}

export function defineAction<V extends z.ZodObject, F extends z.ZodType = z.ZodUnknown>(spec: {
  id: string;
  value: V;
  form?: F;
  /** Said in the stale-card toast: how to get a fresh card, e.g. '发送“周记”'. */
  reopen: string;
}): ActionSpec<V, F> {
  const form = (spec.form ?? z.unknown()) as F;
  const payload = (value: z.input<V>) => ({ a: spec.id, ...(value as Record<string, unknown>) });
  return {
    id: spec.id,
    value: spec.value,
    form,
    button: (label, value, type = 'default') => callbackButton(label, payload(value), { type }),
    submit: (label, name, value, type = 'primary_filled') => callbackButton(label, payload(value), { type, name, submit: true }),
    handle: (run) => ({
      id: spec.id,
      async invoke(ctx, raw) {
        const value = spec.value.safeParse(raw.value);
        const parsedForm = form.safeParse(raw.form ?? {});
        if (!value.success || !parsedForm.success) throw staleCard(spec.reopen);
        const { actor } = ctx;
        if (!actor?.active) throw forbidden();
        return run({ ...ctx, actor }, { value: value.data, form: parsedForm.data });
      },
    }),
  };
}

/** A form field as text: Lark sends inputs as strings; anything missing reads as empty. */
export const formText = () =>
  z
    .union([z.string(), z.number().transform(String), z.null().transform(() => '')])
    .optional()
    .transform((v) => v ?? '');

/** A form whose field names are built from data (one select per person): the service checks each. */
export const dynamicForm = () => z.record(z.string(), z.unknown());

/** The revision a card was built from; the service refuses the click when the record has moved on. */
export const revision = () => z.number().int().min(0);
