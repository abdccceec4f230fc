// Package series turns figure reports into claims, and claims into series
// with timelines, consensus ranges, conflicts, corroboration and
// consistency warnings (DESIGN.md, "Claims, reports and series").
//
// It is pure logic over plain values: the store feeds it rows, the CLI and
// the web UI render what it returns. Nothing here reads a database, a file
// or the clock, so every rule can be tested with a handful of invented
// reports, and a series of 10,000 reports is processed in milliseconds.
//
// The rules, with the constants that tune them:
//
//   - Interval (IntervalOf): what a figure allows. exact [v,v]; approx
//     ±ApproxTolerance (10%), but "nearly"/"almost" [v−10%, v]; min
//     [v,+∞); max [0,v]; range [low,high]; vague words read from
//     number_text (VagueInterval: "thousands" [2000,9999]; unreadable
//     [1,+∞)).
//   - Claim (Claims): reports with the same source, measure, counted,
//     location, qualifier and value/low/high whose dates (figure date, else
//     publication date) chain within ClaimWindow (3) days, a claim spanning
//     at most ClaimSpan (7) days. Near-duplicate documents join claims but
//     never start one or count as independent; undated reports join the
//     latest dated claim of their key.
//   - Series (BuildSeries): counted/measure ("unknown" when counted is
//     null), split by location only when the series holds two or more
//     distinct locations.
//   - Independence (Independent): sources differ and neither's via names
//     the other. Relays group sources into one voice for consensus and
//     spreads. The publisher is shown in timelines but is never an
//     independent authority: it is left out of conflicts, corroboration,
//     spreads and consistency, and of the consensus unless nobody else
//     gives a figure.
//   - Period: claims at most PeriodWindow (14) days apart. Conflicts and
//     corroboration compare each claim with the standing statement (latest
//     day's claims) of every other source in the period; undated claims
//     take no part. For cumulative measures (all but missing) a later
//     higher figure is growth unless within SameTimeWindow (3) days; a
//     later lower one is a conflict.
//   - Spread: per period, the lowest estimate (smallest upper bound) and
//     the highest (largest lower bound) of two voices, flagged when they
//     conflict — the "highest vs lowest of the same period" check.
//   - Consistency: per source and counted group, killed or wounded above
//     casualties, deployed below casualties, a cumulative count falling.
package series
