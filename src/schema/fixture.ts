// Published figures of one report (fixtures/<model>.yaml): what `sroi check` and the tests compare
// the computed results with.
import { z } from "zod";

const Tolerance = z.union([
  z.number().nonnegative(), // absolute, in the figure's units
  z.string().regex(/^\s*\d+([.,]\d+)?\s*%\s*$/, { message: 'a relative tolerance is written like "0.05%"' }),
]);

export const PublishedFigure = z
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
  .refine((f) => f.tolerance === undefined || f.reason !== undefined, {
    message: "a tolerance needs a reason",
    path: ["reason"],
  })
  .refine((f) => f.status !== "not_reproducible" || f.reason !== undefined, {
    message: "a figure that does not reproduce needs a reason",
    path: ["reason"],
  })
  .refine((f) => f.figure !== undefined || f.status === "not_reproducible", {
    message: "name the computed figure, or mark the published one not_reproducible with a reason",
    path: ["figure"],
  });

export const Fixture = z.strictObject({
  /** The model file, relative to the repository root (or to this fixture's folder's parent). */
  model: z.string().min(1),
  report: z.string().min(1),
  /** How the published texts are written (default: the model's meta.locale, else nl). */
  locale: z.enum(["nl", "en"]).optional(),
  figures: z.array(PublishedFigure).min(1),
});

export type FixtureDoc = z.output<typeof Fixture>;
export type PublishedFigureDoc = z.output<typeof PublishedFigure>;
