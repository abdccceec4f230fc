package series

// Rule is one rule of how series are made, in a reader's words, for the
// series page of the web UI (doc.go gives them with their constants).
type Rule struct {
	Title, Text string
}

// Rules are the rules that decide what a series holds and what is
// compared in it, in the order they apply.
var Rules = []Rule{
	{"One quantity", "A series holds estimates of one count. Who is counted and what happened to them " +
		"(counted/measure) is not enough, so each is divided into its running total, its incidents and its periods."},
	{"Running total", "Figures that count a war, a crisis or an open period (\"since entering the war\", " +
		"\"so far\", \"in total\"), and dated figures that name no incident. Its id has no part: North Korea/casualties."},
	{"Incidents", "The toll of one event, named by the sentence or by its article (a bombing, a quake, a flood, " +
		"a shipwreck, a kidnapping). Reports of the same kind of event are one incident when the later comes within a few days " +
		"of the first (3 for an attack, 30 for a quake or a flood, 90 for a kidnapping, 180 for an epidemic) — " +
		"for attacks, bombings, kidnappings and other events made by people, only when their sentences also share " +
		"some of their words, since a war has many a week; undated, when their " +
		"sentences share half their words. Its id is the event and its first date: Iraq/killed#bombing-2004-10-01."},
	{"Periods", "The total of one closed period (\"in a single day\", \"in June\", \"over the past week\"): " +
		"not comparable with a running total, so a series of its own."},
	{"Undated reports", "An undated figure that names no incident cannot be placed in a running total; " +
		"the article's such figures are a series of their own (…#report-ARTICLE)."},
	{"Subsets and background", "\"Including 20 children\" or \"9 of them\" is part of another figure, and " +
		"\"the deadliest since 2004, when 300 died\" is another event's: both are shown with their sentence's " +
		"main figure but never compared, counted in the consensus or flagged as conflicts. So are the smaller " +
		"figures an article gives for one incident beside its whole toll so far (\"13 died in one district\" " +
		"beside \"the unrest has so far left 101 dead\")."},
	{"Claims", "Outlets repeating one source's figure within a few days are one claim with several reports; " +
		"a headline and the body sentence that restates it are one claim. A date is the one the source stated; " +
		"without one, the article's publication date places the claim and is shown as such."},
	{"Consensus", "The range of the latest claim of each independent source that is still current " +
		"(within 90 days of the newest). The publisher's own voice counts only when nobody else gives a figure."},
	{"Conflicts", "Two independent sources whose figures cannot both hold within two weeks of each other. " +
		"A count that only grows may rise over time; a later lower figure is a conflict."},
}
