// Package series turns figure reports into claims, and claims into series
// with timelines, consensus ranges, conflicts, corroboration and
// consistency warnings (DESIGN.md, "Claims, reports and series").
//
// It is pure logic over plain values: the store feeds it rows, the CLI and
// the web UI render what it returns. Nothing here reads a database, a file
// or the clock, so every rule can be tested with a handful of invented
// reports, and a series of 10,000 reports is processed in milliseconds.
//
// # A series means one thing
//
// A series is one quantity: the claims in it are estimates of the same
// count, so comparing them is meaningful. counted/measure alone is not
// enough — "Iraq/killed" would hold a car bomb's 17, a battle's 36 and a
// study's 100,000 since the invasion — so each counted/measure(/place) is
// divided into parts (Key.Part, Series.Kind):
//
//   - the running total (Part "", KindTotal): figures that say they count
//     a war, a crisis or an open period ("have been killed since entering
//     the war", "so far", "in total"), and dated figures that name no
//     incident. Its id is "North Korea/casualties".
//   - incidents (KindIncident): the toll of one event, named by the
//     sentence or its document ("a car bomb exploded…, killing 17", "the
//     death toll from the floods rose to 21"). Its id is the event and
//     its first date: "Iraq/killed#bombing-2004-10-01".
//   - periods (KindPeriod): the total of one closed period ("in a single
//     day", "in June", "over the past week"), which a running total must
//     not be compared with: "Russia/casualties#day-2024-11-29".
//   - an undated figure that names nothing cannot be placed in a running
//     total (a total is read in time): its document's such figures are a
//     series of their own, "Iraq/killed#report-DOC".
//
// What each figure covers is its scope (claim.Figure.Scope), set by
// extraction from the dependency tree or, when extraction leaves it empty,
// read from the sentence by internal/scope (the words near the number, in
// a fixed order: subset, background, period, incident, cumulative). The
// rules that place figures, in order (splitParts):
//
//  1. Subsets ("including 20 children", "9 of them") and background
//     figures ("the deadliest since 2004, when 300 died") go where the
//     main figure of their sentence goes, and are asides: shown, never
//     compared (no consensus, conflict, corroboration, spread or
//     consistency check takes them).
//  2. Incident and period figures of one document with compatible labels
//     are one incident (a "bombing" and the "attack" it is also called;
//     scope.Compatible).
//  3. A figure whose scope nothing decided goes with the incident its
//     document reports (the nearest before it, else after it), else with
//     the incident its document's title names.
//  4. Incidents of different documents are one when their labels are
//     compatible and, dated, the later starts within IncidentWindow days of
//     the first (3 for attacks, 30 for quakes and floods, 90 for a
//     kidnapping, 180 for an epidemic; 0 for a day) — for incidents made
//     by people (attacks, bombings, kidnappings, crashes; not protests) only
//     when their sentences also share ShortSimilar (a fifth) of their
//     words, since a war has many a week; undated, when their sentences
//     share SimilarSentences (half) of their words.
//  5. An undated figure still unplaced is a report series of its own.
//  6. The rest is the running total.
//  7. In an incident, a document's figures smaller than the whole toll so
//     far that it gives ("the unrest has so far left 101 dead", "the toll
//     rose to 21") are parts of that toll, asides like subsets: "thirteen
//     police officers were beaten to death in Sirajganj" in the same
//     story is no rival estimate of the 101.
//
// A headline and the body sentence restating it are one claim (headlines):
// "Car Bomb Kills 11" over "…killing at least 11 people, police said" is
// the police's claim, reported twice. A place named only in a dateline
// ("SAMARRA, Iraq (Reuters) -") is no place (reportLocation), and
// "Gaza Strip" and "Gaza", "Kursk region" and "Kursk" are one place
// (placeKey).
//
// # The rules, with the constants that tune them
//
//   - Interval (IntervalOf): what a figure allows. exact [v,v]; approx
//     ±ApproxTolerance (10%), but "nearly"/"almost" [v−10%, v]; min
//     [v,+∞); max [0,v]; range [low,high]; vague words read from
//     number_text (VagueInterval: "thousands" [2000,9999]; unreadable
//     [1,+∞)).
//   - Claim (Claims): reports with the same source, measure, counted,
//     location, qualifier, value/low/high and scope class (a running total,
//     an aside, or an incident or period with its label) whose dates
//     (figure date, else publication date) chain within ClaimWindow (3)
//     days, a claim spanning at most ClaimSpan (7) days. Near-duplicate
//     documents join claims but never start one or count as independent;
//     undated reports join the latest dated claim of their key. A claim's
//     date is Stated when a source gave it, else it is a publication date
//     (DatePrecision); its ID names its describing report (Evidence).
//   - Series (BuildSeries): counted/measure ("unknown" when counted is
//     null), split by location only when the series holds two or more
//     distinct locations, then into parts as above.
//   - Independence (Independent): sources differ and neither's via names
//     the other. Relays group sources into one voice for consensus and
//     spreads. The publisher is shown in timelines but is never an
//     independent authority: it is left out of conflicts, corroboration,
//     spreads and consistency, and of the consensus unless nobody else
//     gives a figure.
//   - Consensus: the range of each independent voice's latest claim,
//     leaving out voices whose latest claim is more than ConsensusWindow
//     (90) days older than the newest, and undated voices when anything
//     is dated.
//   - Period: claims at most PeriodWindow (14) days apart. Conflicts and
//     corroboration compare each claim with the standing statement (latest
//     day's claims) of every other source in the period; undated claims
//     take no part. For cumulative measures (all but missing) a later
//     higher figure is growth unless within SameTimeWindow (3) days — in a
//     running total; in an incident or a period, from the next day on — and
//     a later lower one is a conflict.
//   - Spread: per period, the lowest estimate (smallest upper bound) and
//     the highest (largest lower bound) of two voices, flagged when they
//     conflict — the "highest vs lowest of the same period" check.
//   - Consistency: per source, counted group and part, killed or wounded
//     above casualties, deployed below casualties, a cumulative count
//     falling.
//
// Rules lists the same rules in a reader's words for the series page.
package series
