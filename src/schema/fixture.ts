// Published figures of one report (fixtures/<model>.yaml): what `sroi check` and the tests compare
// the computed results with. Built on first use, like the model's schemas (see model.ts).
import { z } from "zod";
import { refinements as R } from "./refinements.js";

function build() {
  const Tolerance = z.union([
    z.number().nonnegative(), // absolute, in the figure's units
    z.string().regex(/^\s*\d+([.,]\d+)?\s*%\s*$/, { message: 'a relative tolerance is written like "0.05%"' }),
  ]);

  const PublishedFigure = z
    .strictObject({
      /** The computed figure it corresponds to (README "Figures"); absent when sroi computes no such figure. */
      figure: z.string().min(1).optional(),
      /** Exactly as printed: "6,2", "€734K", "9.348", "ruim 12". */
      published: z.union([z.string(), z.number()]),
      /** Where the report prints it (table, section, page). */
      where: z.string().min(1),
      /** reproduces (default): the test fails if the model does not give it; not_reproducible: the
       *  published inputs do not lead to this figure, for the stated reason. */
      status: z.enum(["reproduces", "not_reproducible"]).optional(),
      /** A wider tolerance than the printed precision, only with a reason. */
      tolerance: Tolerance.optional(),
      reason: z.string().min(1).optional(),
    })
    .refine(R.toleranceHasReason, { message: "a tolerance needs a reason", path: ["reason"] })
    .refine(R.notReproducibleHasReason, { message: "a figure that does not reproduce needs a reason", path: ["reason"] })
    .refine(R.figureOrNotReproducible, {
      message: "name the computed figure, or mark the published one not_reproducible with a reason",
      path: ["figure"],
    });

  const Fixture = z.strictObject({
    /** The model file, relative to the repository root (or to this fixture's folder's parent). */
    model: z.string().min(1),
    report: z.string().min(1),
    /** How the published texts are written (default: the model's meta.locale, else nl). */
    locale: z.enum(["nl", "en"]).optional(),
    figures: z.array(PublishedFigure).min(1),
  });
  return { PublishedFigure, Fixture };
}

let built: ReturnType<typeof build> | undefined;

export function fixtureSchemas(): ReturnType<typeof build> {
  return (built ??= build());
}

export type FixtureDoc = z.output<ReturnType<typeof build>["Fixture"]>;
export type PublishedFigureDoc = z.output<ReturnType<typeof build>["PublishedFigure"]>;
