/*
 * The method page's account of how the survey figures are made and
 * protected (issue 19, /metod): scores and cut-offs, norms, intervals and
 * flags, change between waves, what is hidden and why, the audit, and the
 * releases the pages read, in plain words for a board. The words are the
 * docs' (docs/publishing.md, docs/release-format.md) made short; the
 * releases come from the view (jl_view_release_rows_load).
 */
#include "web/page.h"
#include "web/html.h"
#include "view/release_cells.h"

#include <stdio.h>
#include <string.h>

static void term(jl_buf *b, const char *dt, const char *dd)
{
    jl_buf_puts(b, "<dt>");
    jl_html_text(b, dt);
    jl_buf_puts(b, "</dt><dd>");
    jl_html_text(b, dd);
    jl_buf_puts(b, "</dd>\n");
}

static void how(jl_buf *b)
{
    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("How the survey figures are made"));
    jl_buf_puts(b, "</h2>\n<dl class=\"words\">\n");
    term(b, _("Scores and cut-offs"),
         _("Each scale of the survey (for example the neighbourhood or school) gives every "
           "respondent a score from their answers. A share is the respondents whose score "
           "reaches the scale's cut-off, set so that a known share of a reference group "
           "reaches it."));
    term(b, _("Norm"),
         _("The share of the reference group that reaches the cut-off (25 percent for a "
           "cut-off at its 75th percentile), or the city's share in the same wave where the release "
           "says so."));
    term(b, _("95 % interval"),
         _("Each share is shown with the range that holds the true share in 95 cases "
           "of 100 (Wilson's interval). Small groups have wide intervals."));
    term(b, _("Worse or better than the norm"),
         _("A share is flagged only where its interval leaves out the norm, after an "
           "adjustment for making many comparisons at once (Benjamini–Hochberg), so that "
           "chance differences are not called findings."));
    term(b, _("Change since the last wave"),
         _("The difference in percentage points with its own 95-percent interval "
           "(Newcombe's); flagged only where the interval leaves out zero."));
    term(b, _("withheld"),
         _("The number is not shown. Either there were too few answers — the group had "
           "fewer than 10 respondents with a score, or so few (or all) reached the cut-off "
           "that a person could be picked out — or the number is not small itself but "
           "would let a reader work out a hidden one, for example the city's total minus "
           "the other areas. Which of the two is not said, since that too would tell how "
           "many answered which way."));
    term(b, _("The audit"),
         _("Before a release is published, jamlik audit works out, from everything "
           "published together with earlier releases of the same waves, how narrowly a "
           "reader could pin down each hidden small number (by linear and integer "
           "programming). A release is published only if every such number stays uncertain "
           "by at least 5 people. Anyone can run the audit on the exported files."));
    jl_buf_puts(b, "</dl>\n");
}

static void releases(jl_buf *b, jl_req *rq, int *st)
{
    jl_view_release_rows l;
    jl_err e = JL_ERR_INIT;
    size_t i, j;

    jl_buf_puts(b, "<h2>");
    jl_html_text(b, _("Releases"));
    jl_buf_puts(b, "</h2>\n");
    if (jl_view_release_rows_load(&l, rq->store, &e) < 0) {
        *st = 503;
        return;
    }
    if (!l.n) {
        jl_buf_puts(b, "<p>");
        jl_html_text(b, _("No release has been published yet: the pages show no survey "
                          "figures."));
        jl_buf_puts(b, "</p>\n");
        jl_view_release_rows_dispose(&l);
        return;
    }
    jl_page_table_open(b, NULL, _("Releases the pages read, the newest first"));
    jl_buf_puts(b, "<thead><tr>");
    {
        const char *h[5] = {_("Release"), _("Title"), _("Created"), _("Waves"), _("Status")};

        for (j = 0; j < 5; j++) {
            jl_buf_puts(b, "<th scope=\"col\">");
            jl_html_text(b, h[j]);
            jl_buf_puts(b, "</th>");
        }
    }
    jl_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (i = l.n; i-- > 0;) {
        const jl_view_release_row *r = &l.r[i];

        jl_buf_printf(b, "<tr><th scope=\"row\">%ld</th><td>", r->id);
        jl_html_text(b, r->title);
        jl_buf_puts(b, "</td><td>");
        jl_html_text(b, r->created);
        jl_buf_puts(b, "</td><td>");
        for (j = 0; j < r->nwaves; j++) {
            if (j)
                jl_buf_puts(b, ", ");
            jl_html_text(b, r->waves[j]);
        }
        jl_buf_puts(b, "</td><td>");
        if (*r->withdrawn)
            jl_html_text(b, jl_arena_printf(rq->arena, _("withdrawn %s"), r->withdrawn));
        else
            jl_html_text(b, _("published release"));
        jl_buf_puts(b, "</td></tr>\n");
    }
    jl_buf_puts(b, "</tbody>\n</table></div>\n<p class=\"note\">");
    jl_html_text(b, _("A withdrawn release is no page's default, but what it published stays "
                      "known: later releases of its waves are protected and audited with it."));
    jl_buf_puts(b, "</p>\n");
    jl_view_release_rows_dispose(&l);
}

void jl_page_method_survey(jl_buf *b, jl_req *rq, int *st)
{
    how(b);
    releases(b, rq, st);
}
