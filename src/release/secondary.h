/*
 * Secondary suppression (release/protect.h calls it between the primary
 * rules and masking; private to release/). Hides complementary cells of
 * r, whose cells carry their true counts and their primary status, until
 * the audit of the masked release together with earlier[0..nearlier-1]
 * passes: a structural pass over every additive relation among the
 * published cells first, then rounds of the audit, each failing value
 * getting complements in a relation that holds it, escalating to whole
 * relations, the area's cells and in the end the whole wave, so that it
 * always ends (docs/release-format.md, "Secondary suppression").
 *
 * Deterministic: units and relations are numbered from sorted codes, and
 * every choice breaks ties by that number, never by the cells' order, a
 * hash or an address.
 */
#ifndef JL_RELEASE_SECONDARY_H
#define JL_RELEASE_SECONDARY_H

#include "release/protect.h"

/* Sets suppressed and reason (JL_RREASON_SECONDARY) on the complements it
 * chooses, leaving every count of r in place; fills *audit (caller
 * disposes) with the full audit of r masked, with the earlier releases,
 * as `jamlik audit` would compute it, and in *st (may be NULL) the
 * rounds of the audit and the time spent. Returns 0 whether or not that
 * audit passed, or the audit's error. */
int jl_release_secondary(jl_release *r, jl_release *const *earlier, size_t nearlier,
                         const jl_protect_opts *o, jl_protect_stats *st, jl_audit_result *audit,
                         jl_err *err);

#endif
