package pipeline_test

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
)

// treeCase is one sentence (or short text) of our own, in the style of a
// wire report, a UN release, a ministry statement, a feature or a live
// blog, with the figure it must give: the number as written, its measure
// and (a word of) its source. Each construction the tree reads has three
// or more cases in other words and other story types.
type treeCase struct {
	name      string
	publisher string
	text      string
	number    string
	measure   string
	source    string // a word the source must contain; "" for the publisher's voice
	counted   string // whose people, when the case is about that ("-" for none)
}

var treeCases = []treeCase{
	// A tally's level: the measure comes from the tally noun.
	{"toll rose", "", "The death toll from the floods rose to 215 on Sunday, the disaster agency said.", "215", "killed", "agency", ""},
	{"number climbed", "", "The number of people displaced by the fighting has climbed to 1.3 million, according to aid groups.", "1.3 million", "displaced", "aid groups", ""},
	{"number of refugees stood", "", "The number of refugees in the camps stood at 86,000 at the end of June.", "86,000", "refugees", "", ""},
	{"influx reached", "", "The influx of refugees into Uganda has reached 80,000, officials said.", "80,000", "refugees", "officials", ""},
	// Movement across a border makes refugees; from their homes, displaced.
	{"crossed into", "", "Some 4,200 migrants crossed into Greece last month, the coast guard said.", "Some 4,200", "refugees", "coast guard", ""},
	{"driven from homes", "", "Storms have driven 12,000 families from their homes in the north.", "12,000", "displaced", "", ""},
	{"forced from homes", "", "Shelling forced another 3,400 residents out of their homes, the mayor told reporters.", "3,400", "displaced", "mayor", ""},
	// Lives, the sea, injuries, evacuation flights.
	{"cost lives", "", "The earthquake has cost at least 300 lives across the province.", "at least 300", "killed", "", ""},
	{"claimed lives", "", "Landslides have claimed 41 lives since Friday, the Red Cross said.", "41", "killed", "Red Cross", ""},
	{"lost at sea", "", "Survivors said 48 people had been lost at sea when the boat overturned.", "48", "killed", "Survivors", ""},
	{"with injuries", "", "Another 150 people were admitted to hospital with injuries after the stampede.", "150", "wounded", "", ""},
	{"flown out", "", "Military aircraft have flown 3,500 people out of the flooded city, the ministry said.", "3,500", "evacuated", "ministry", ""},
	{"asylum seekers", "", "Officials said 4,500 asylum seekers arrived on the islands in August.", "4,500", "refugees", "Officials", ""},
	// Taken to hospital: the hurt of an attack or accident.
	{"taken to hospital", "", "The toll from the bus crash rose to 14, and another 30 were taken to hospital, police said.", "30", "wounded", "police", ""},
	{"rushed to hospitals", "", "At least 22 workers were rushed to hospitals after the gas leak at the plant.", "At least 22", "wounded", "", ""},
	{"hospitalised after", "", "Officials said 60 pupils had been hospitalised after the school roof collapsed.", "60", "wounded", "Officials", ""},
	{"treated in hospital", "", "Some 12 fans were treated in hospital after the stampede.", "Some 12", "wounded", "", ""},
	{"treated for injuries", "", "According to the Red Cross, more than 900 people have been treated for injuries.", "more than 900", "wounded", "Red Cross", ""},
	{"treated for wounds", "", "Medics said 35 protesters were treated for gunshot wounds overnight.", "35", "wounded", "Medics", ""},
	{"admitted for burns", "", "Twenty workers were admitted for burns after the boiler exploded, the hospital said.", "Twenty", "wounded", "hospital", ""},
	// A tally verb misparsed as a clause on the tally's noun.
	{"number grew by, to reach", "", "The number of displaced people worldwide grew by 4.1 million during 2022 to reach 71.1 million.", "4.1 million", "displaced", "", ""},
	{"number grew, to reach", "", "The number of displaced people worldwide grew by 4.1 million during 2022 to reach 71.1 million.", "71.1 million", "displaced", "", ""},
	{"number jumped by", "", "The number of asylum seekers in the country jumped by 3,000 in May to reach 12,400, the ministry said.", "3,000", "refugees", "ministry", ""},
	// A fronted concessive report is not of the figure after its comma.
	{"although said", "", "Although police said they had not used live rounds, four students were killed in the capital.", "four", "killed", "", ""},
	{"though insisted", "", "Storm batters coast\nThe coast guard said 30 boats sank. Though the mayor said the dams had held, 2,000 residents were evacuated overnight.", "2,000", "evacuated", "", ""},
	{"while claimed", "", "While the army claimed it had hit only military targets, 19 civilians died in the strikes.", "19", "killed", "", ""},
	{"although, own report", "", "Although police said 12 people had died, witnesses said at least 40 were killed in the crackdown.", "at least 40", "killed", "witnesses", ""},
	// A relative clause on an event that is a circumstance of what was
	// said identifies the event in the article's voice.
	{"cause of the explosion that killed", "", "Investigators said a faulty valve was the cause of the explosion that killed 14 workers at the plant.", "14", "killed", "", ""},
	{"detained during the riot that left", "", "The governor said 200 people detained during the riot that left 31 dead would be freed on Friday.", "31", "killed", "", ""},
	{"event that is the news", "", "Floods that killed 340 people have also displaced a million, the UN said.", "340", "killed", "UN", ""},
	// People held are arrested, unless captors hold them.
	{"held in province", "", "Over 200 undocumented workers held in the northern province", "Over 200", "arrested", "", ""},
	{"held over bomb", "", "Three men held over market bomb", "Three", "arrested", "", ""},
	{"held by a gang", "", "The 14 passengers held by the gang since Friday are unharmed, police said.", "14", "captured", "police", ""},
	// Part of the figure before, with a relative clause of its own.
	{"including who were", "", "Gunmen killed 14 villagers, including seven children who were burned alive, a UN spokeswoman said.", "seven", "killed", "UN", ""},
	// A report on the figure's own noun names its source.
	{"deaths the government acknowledged", "", "The rights group said 112 protesters had been killed, far more than the 19 deaths the government has acknowledged.", "19", "killed", "government", ""},
	{"deaths that police reported", "", "The opposition put the toll at 300, against the 45 deaths that police reported.", "45", "killed", "police", ""},
	{"arrests recorded by", "", "He disputed the 2,000 arrests recorded by the monitoring group.", "2,000", "arrested", "monitoring group", ""},
	{"put the figure at, after a figure", "", "Police said 12 people were arrested on Monday, and officials put the figure at 40 by Tuesday.", "40", "arrested", "officials", ""},
	// A description with its name: the name speaks.
	{"group with a name", "", "The monitoring group Airwars has recorded 340 civilian deaths in the city.", "340", "killed", "Airwars", ""},
	{"outlet with a name", "", "Independent outlet Mediazona, which counts obituaries, has confirmed the deaths of 9,100 soldiers.", "9,100", "killed", "Mediazona", ""},
	{"ministry as apposition", "", "Russia's defence ministry did not comment but said its forces had killed 45 fighters.", "45", "killed", "Defence", ""},
	// A measure's noun as the tally a verb sets.
	{"bringing losses to", "", "The rebels lost 300 fighters last week, the army said, bringing their losses since January to 2,100.", "2,100", "casualties", "army", ""},
	{"casualties climbed to", "", "The army said its casualties had climbed to 3,400.", "3,400", "casualties", "army", ""},
	{"deaths rose to", "", "Cholera deaths rose to 212 on Friday, the health ministry said.", "212", "killed", "ministry", ""},
	// In captivity, in custody.
	{"remained in captivity", "", "Gunmen freed 40 pupils on Monday, but 110 remained in captivity, police said.", "110", "captured", "police", ""},
	{"still in custody", "", "Some 300 protesters are still in custody, the lawyers group said.", "Some 300", "arrested", "lawyers group", ""},
	{"remain in detention", "", "About 60 migrants remain in detention on the island, officials said.", "About 60", "arrested", "officials", ""},
	{"died in custody", "", "Rights groups said 14 prisoners had died in custody since March.", "14", "killed", "Rights groups", ""},
	// A demonym subject the tagger took for an adjective.
	{"demonyms reached", "", "An estimated 52,000 Sudanese had reached Chad by Friday after fleeing the fighting in Darfur, the agency said.", "An estimated 52,000", "refugees", "agency", ""},
	{"demonyms entered", "", "About 8,000 Congolese have entered Uganda since Sunday, officials said.", "About 8,000", "refugees", "officials", ""},
	// Part of the victims of a toll given before.
	{"of the victims were", "", "Bombings kill 253\nThe attacks killed 253 people, police said. Police said 40 of the victims were tourists.", "40", "killed", "Police", ""},
	{"identified of the victims", "", "Ferry sinks\nAt least 86 passengers drowned when the ferry sank, officials said. Officials have identified 25 of the victims.", "25", "killed", "Officials", ""},
	// Into a neighbouring country, however the parser hung "neighbouring".
	{"driven to flee into neighbouring", "", "The violence has driven more than 8,000 Burundians to flee into neighbouring Tanzania, the agency said.", "more than 8,000", "refugees", "agency", ""},
	// The people of a known event the speaker says something else about.
	{"praised the release of", "", "The president praised the release of 40 political prisoners on Monday, his office said.", "40", "captured", "", ""},
	{"condemned the abduction of", "", "The minister condemned the abduction of 30 pupils, officials said.", "30", "captured", "", ""},
	{"secure the release of", "", "Elders are trying to secure the release of three aid workers held by the group, a spokesman said.", "three", "captured", "", ""},
	// Reporting clauses over the figure.
	{"X said after", "", "Twelve people died in the blast at the market, police said.", "Twelve", "killed", "police", ""},
	{"according to", "", "At least 30 civilians were killed in the raid, according to hospital officials.", "At least 30", "killed", "hospital officials", ""},
	{"said that", "", "The army said on Tuesday that 45 militants had been killed in the offensive.", "45", "killed", "army", ""},
	{"statement from", "", "A statement from the interior ministry said 60 protesters were detained overnight.", "60", "arrested", "ministry", ""},
	{"data noun", "", "Health Ministry figures show that 1,400 people have died of cholera this year.", "1,400", "killed", "Health Ministry", ""},
	{"tally setter", "", "Provincial officials on Friday brought the death toll down to 88 from 95.", "88", "killed", "Provincial officials", ""},
	// An inner "the organisation", "it" is the outer speaker's body.
	{"the organisation", "", "Aid pours in\nThe Red Cross sent 40 trucks on Monday. A UN spokesperson told reporters the organisation had documented 1,200 civilian deaths.", "1,200", "killed", "UN", ""},
	{"it had recorded", "", "Storm hits coast\nThe coast guard rescued sailors overnight. The interior ministry said it had recorded 17 deaths by Friday.", "17", "killed", "ministry", ""},
	// Unaccounted for is missing.
	{"unaccounted for", "", "Three aid workers remain unaccounted for after the attack, the agency said.", "Three", "missing", "agency", ""},
	{"still unaccounted", "", "Rescuers said 27 miners were still unaccounted for on Monday.", "27", "missing", "Rescuers", ""},
	{"unaccounted after", "", "At least 15 fishermen are unaccounted for since the storm, officials said.", "At least 15", "missing", "officials", ""},
	// Military euphemisms.
	{"eliminated", "", "The ministry says 300 enemy soldiers were eliminated in the past day.", "300", "killed", "ministry", ""},
	{"neutralised", "", "The army said it had neutralised 45 militants in the operation.", "45", "killed", "army", ""},
	{"liquidated", "", "Officials claimed that 60 fighters had been liquidated near the border.", "60", "killed", "Officials", ""},
	// A participle after the report is the publisher's comment.
	{"said, taking the toll", "", "Gunmen shot dead four villagers, police said, taking the toll this week to 31.", "31", "killed", "", ""},
	{"said, bringing the number", "", "Two more bodies were found on Sunday, rescuers said, bringing the number of dead to 58.", "58", "killed", "", ""},
	{"said, raising the toll", "", "A second blast killed nine people, officials said, raising the death toll to 40.", "40", "killed", "", ""},
	// "Of these" fronted, however parsed.
	{"of those", "", "The authority said more than 480,000 had been forced from their homes. Of those, about 120,000 were living in relief camps, it added.", "about 120,000", "displaced", "authority", ""},
	{"of these", "", "Protests spread to the capital\nPolice said 230 people were detained overnight. Of these, 41 were women.", "41", "arrested", "Police", ""},
	{"of them", "", "Fire at a market\nAt least 60 people died in the fire, officials said. Of them, 22 were children.", "22", "killed", "officials", ""},
	// Losses of people.
	{"lost volunteers", "", "“We have lost 47 of our own volunteers,” said Amina Sheikh, who heads a local aid group.", "47", "casualties", "Amina Sheikh", ""},
	{"lost troops", "", "The general staff said the enemy had lost 1,230 soldiers in a day.", "1,230", "casualties", "general staff", ""},
	// Quotations: the first person inside a quote is its speaker.
	{"quote we", "", "“We have recorded 52 deaths since the rains began,” the commission said in a statement.", "52", "killed", "commission", ""},
	{"quote our", "", "“Our teams counted 300 bodies in the village,” said Maria Lopez, the group's field director.", "300", "killed", "Maria Lopez", ""},
	{"quote before", "", "The governor spoke to reporters on Monday. “We have evacuated 2,000 people from the valley,” he said.", "2,000", "evacuated", "governor", ""},
	// Headline tails and self-published reports.
	{"headline tail colon", "", "Ferry sinks off Bali, 30 missing: police\nA ferry carrying 120 passengers sank on Tuesday.", "30", "missing", "police", ""},
	{"self-published", "Human Rights Watch", "Security forces arrested 800 people in March and April, many of them without warrants.", "800", "arrested", "Human Rights Watch", ""},
	{"self-published UN", "UNHCR", "Some 65,000 refugees arrived in Chad in the first week of the fighting.", "Some 65,000", "refugees", "UNHCR", ""},
	// A group named by what it calls itself.
	{"calling itself", "", "A group calling itself the Mujahideen Brigade said it had kidnapped three engineers.", "three", "captured", "Mujahideen Brigade", ""},
	{"outlet named after a city", "Taipei Times", "Twelve people died when the bus overturned.", "Twelve", "killed", "", ""},
	{"outlet named after a country", "India TV", "At least 40 people were injured in the stampede.", "At least 40", "wounded", "", ""},
	{"self-published, named first", "IOM Displacement Tracking Matrix", "An estimated 2,500 households were displaced by floods in Jonglei state.", "An estimated 2,500", "displaced", "IOM", ""},
	{"the latest report", "", "Human Rights Watch said on Monday that 40 people had died in custody. The latest report says at least 90 people were arrested in May.", "at least 90", "arrested", "Human Rights Watch", ""},
	{"singular source noun", "", "A witness told reporters that 14 people were shot dead at the checkpoint.", "14", "killed", "witness", ""},
	// The parser's object of a reporting verb as the reported clause's subject.
	{"said N recaptured", "", "The prison service said over 600 of the escapees have been recaptured.", "over 600", "arrested", "prison service", ""},
	{"said N killed", "", "Police said 12 of the passengers had been killed in the crash.", "12", "killed", "Police", ""},
	{"announced N freed", "", "The ministry announced 40 of the hostages were freed on Friday.", "40", "captured", "ministry", ""},
	// Events of flight.
	{"flight of", "", "The flight of thousands of Rohingya from Myanmar began in August.", "thousands", "refugees", "", ""},
	{"exodus of", "", "The exodus of 20,000 villagers from the valley continued on Monday.", "20,000", "displaced", "", ""},
	// In a story of people on the move, arriving makes refugees.
	{"landed", "", "Migrants rescued at sea\nItaly said the migrants were taken to Sicily. Another 300 landed on Lampedusa overnight, the coast guard said. More migrants are expected.", "300", "refugees", "coast guard", ""},
	{"made the crossing", "", "Channel crossings rise\nAlmost 16,000 migrants have made the crossing this year, Home Office figures show. Most migrants came in small boats.", "Almost 16,000", "refugees", "Home Office", ""},
	{"new arrivals", "", "Refugees keep coming\nThousands of new arrivals are sheltering in schools, the refugee agency said. Refugees say more will come.", "Thousands", "refugees", "agency", ""},
	// What shows a figure is not who asserts it.
	{"footage shows", "", "Footage Shows 10 New Hostages in Iraq\nArabic television aired pictures of 10 hostages on Sunday, Al-Jazeera said.", "10", "captured", "Al-Jazeera", ""},
	{"a video showed", "", "A video showed three captured soldiers, the army said.", "three", "captured", "army", ""},
	// Counts in brackets after names, in a list of one measure's people.
	{"the dead are from", "", "The dead are from Nairobi (17), Nakuru (3) and Mombasa (2), the commission said.", "17", "killed", "commission", ""},
	{"the injured were taken", "", "The injured were taken to Kenyatta (40), Mbagathi (12) and Mama Lucy (9) hospitals.", "12", "wounded", "", ""},
	{"deaths were recorded in", "", "Deaths were recorded in Gaza City (120), Rafah (45) and Khan Younis (30), the ministry said.", "45", "killed", "ministry", ""},
	// Whose people, by what the document is about.
	{"migrants at sea", "", "Boat carrying migrants capsizes off Tunisia\nThe coast guard said 40 people drowned when the boat sank. Survivors said the migrants had paid smugglers.", "40", "killed", "coast guard", "Migrants"},
	{"migrants crossing", "", "Migrants keep coming despite the cold\nMore than 300 people crossed the Channel on Tuesday. The migrants travelled in eight boats.", "More than 300", "refugees", "", "Migrants"},
	{"global report", "", "Record numbers forced from their homes worldwide\nWar and persecution drove 117 million people from their homes by the end of 2023, the agency said.", "117 million", "displaced", "agency", "World"},
	{"global report, body", "", "Displacement hits a new record\nThe agency published its annual report on Thursday. The agency said 110 million people had been forced from their homes by the end of the year. Conflicts around the world drove the rise. Numbers grew globally for the twelfth year.", "110 million", "displaced", "agency", "World"},
	{"worldwide sentence", "", "Worldwide, some 43 million refugees were counted in June, the UN refugee agency said.", "some 43 million", "refugees", "agency", "World"},
	{"refugees into", "", "Sudan: fighting spreads to Darfur\nMore than 2,000 refugees poured into Chad on Sunday, aid workers said.", "More than 2,000", "refugees", "workers", "Sudan"},
	{"doer's nationality", "", "Nepal jailbreak: thousands still at large\nIndian police have detained 13 escapees near the border.", "13", "arrested", "", "Nepal"},
}

// parserLimited are readings that hold when the sentence is parsed
// right, which today's model often fails to do for them (a participle
// after its noun read as the main verb: "People displaced ... made up",
// "Refugees ... numbered"). TestTreeReadingsParserLimited keeps a ratchet
// on how many come out right.
var parserLimited = []treeCase{
	// Amounts: the subject's measure.
	{"made up", "", "People displaced inside their own country made up 41 million of the total.", "41 million", "displaced", "", ""},
	{"numbered", "", "Refugees in the camps numbered 23,000 by the end of the month.", "23,000", "refugees", "", ""},
	{"totalled", "", "Those killed in the clashes totalled 62, the army said.", "62", "killed", "army", ""},
}

// parserLimitedRight is how many of parserLimited the shipped model gets
// right; raise it when a better model does better.
const parserLimitedRight = 0

func TestTreeReadingsParserLimited(t *testing.T) {
	right := 0
	for _, c := range parserLimited {
		doc := claim.Document{ID: "t", Publisher: c.publisher, Published: "2025-03-04", Text: c.text}
		f := gotFig(pipeline.ExtractWith(doc, pipeline.Options{Explain: true}), c.number)
		if f != nil && f.Measure == c.measure {
			right++
		} else {
			t.Logf("not yet: %q (%s)", c.text, c.number)
		}
	}
	if right < parserLimitedRight {
		t.Errorf("%d of %d parser-limited readings right, want at least %d", right, len(parserLimited), parserLimitedRight)
	}
}

func TestTreeReadings(t *testing.T) {
	for _, c := range treeCases {
		t.Run(c.name, func(t *testing.T) {
			doc := claim.Document{ID: "t", Publisher: c.publisher, Published: "2025-03-04", Text: c.text}
			figs := pipeline.ExtractWith(doc, pipeline.Options{Explain: true})
			var got *claim.Figure
			for i := range figs {
				if figs[i].NumberText == c.number {
					got = &figs[i]
				}
			}
			if got == nil {
				t.Fatalf("%q: no figure %q among %d", c.text, c.number, len(figs))
			}
			if got.Measure != c.measure {
				t.Errorf("%q: %q is %s (%s), want %s", c.text, c.number, got.Measure, got.Explain.Measure, c.measure)
			}
			if c.counted != "" {
				got := ""
				if got2 := gotCounted(gotFig(figs, c.number)); got2 != "" {
					got = got2
				}
				if got != c.counted {
					t.Errorf("%q: %q counts %q (%s), want %q", c.text, c.number, got, gotFig(figs, c.number).Explain.Counted, c.counted)
				}
			}
			want := c.source
			if want == "" {
				if got.Source != claim.Publisher {
					t.Errorf("%q: source %q (%s), want the publisher", c.text, got.Source, got.Explain.Source)
				}
			} else if !strings.Contains(strings.ToLower(got.Source+" "+got.SourceText), strings.ToLower(want)) {
				t.Errorf("%q: source %q (%q; %s), want %q", c.text, got.Source, got.SourceText, got.Explain.Source, want)
			}
		})
	}
}

func gotFig(figs []claim.Figure, number string) *claim.Figure {
	for i := range figs {
		if figs[i].NumberText == number {
			return &figs[i]
		}
	}
	return nil
}

func gotCounted(f *claim.Figure) string {
	if f == nil || f.Counted == nil {
		return ""
	}
	return *f.Counted
}

// TestTreeNoFigure: numbers the tree shows are of people no measure
// covers, or of things.
func TestTreeNoFigure(t *testing.T) {
	checkNoFigure(t, []struct{ text, number string }{
		{"More than 2,000 inmates broke out of the prison during the riot.", "More than 2,000"},
		{"Doctors said 45 people were admitted to hospital with cholera last week.", "45"},
		{"Some 22,000 concertgoers screamed and fled for their lives as the gunman fired.", "Some 22,000"},
		{"Hundreds of fans fled the stadium after the blast, police said.", "Hundreds"},
		{"About 300 worshippers fled the mosque when the gunmen opened fire.", "About 300"},
		{"Rioters stormed the jail, allowing more than 900 inmates to escape, of whom only a few had been recaptured.", "more than 900"},
		{"The attack let some 40 prisoners flee into the forest, officials said.", "some 40"},
		// A number with a predicate of its own no reading knows is not
		// part of the figure before it.
		{"At least 27 miners were killed and 40 others remain trapped after the tunnel collapsed.", "40"},
		{"Two climbers died on the peak and five more are stranded at the base camp, rescuers said.", "five"},
		{"Quake kills 12, hundreds stranded", "hundreds"},
		// Victims with no toll before them are no figure.
		{"Police said 40 of the victims of the fraud were pensioners.", "40"},
		// Things, whatever verb: no measure counts them.
		{"Air defences shot down 87 drones overnight, officials said.", "87"},
		{"An inspection found no abuse at the 22 detainee facilities in the country.", "22"},
		{"Two simultaneous landmine blasts ripped through the market.", "Two"},
		// The level of a count before it that is no figure (a crowd).
		{"Around 6,000 supporters filled the square, though the organisers put the total at 15,000.", "15,000"},
		{"Some 3,000 people marched through the capital; opposition leaders put the count at 10,000.", "10,000"},
		{"Some 400 prisoners escaped after the guards fled, officials said.", "Some 400"},
		{"Rescuers said 35 people were pulled from the rubble alive.", "35"},
		{"Fifty passengers were rescued by fishermen off the coast.", "Fifty"},
		{"The number of aircraft landing at the base fell to 12 on Monday.", "12"},
		{"The number of displacement sites rose from 73 to 108 over the year.", "73"},
		{"Nineteen people were saved by the navy, eight of them children.", "eight"},
		{"The riot allowed 1,500 inmates to escape from the jail.", "1,500"},
		{"Guards let some 300 prisoners flee during the attack.", "some 300"},
		{"The total of health workers infected rose to 65, the ministry said.", "65"},
		{"Some 120 nurses infected with the virus were isolated.", "Some 120"},
		{"Of 731 confirmed cases, 54 died (Table 1).", "1"},
		{"The dead are listed in Annex 3 of the report.", "3"},
	})
}

// TestRatiosAndThings: ratios and counts of things are no figures.
func TestRatiosAndThings(t *testing.T) {
	checkNoFigure(t, []struct{ text, number string }{
		{"A suicide bomber killed 10 people in a campaign to wreck the Jan. 30 election.", "30"},
		{"Militants killed 12 villagers before the March 3 vote.", "3"},
		{"The attack that killed 40 people on Sept. 11 shocked the country.", "11"},
		{"Four out of five refugees live in a country next to their own.", "Four"},
		{"Four out of five refugees live in a country next to their own.", "five"},
		{"One person in every 95 is now displaced.", "95"},
		{"Police carried out hundreds of raids and arrested suspects.", "hundreds"},
		{"Two million people massed in the streets of Rome overnight.", "Two million"},
		{"Six people were hurt and two hospitals evacuated after the quake.", "two"},
		{"Some 3,000 demonstrators gathered outside parliament.", "Some 3,000"},
		{"Soldiers launched 40 airstrikes that killed militants.", "40"},
	})
}

// TestModelNames: a weapon's model number is no count.
func TestModelNames(t *testing.T) {
	for _, c := range []struct{ text, number, want string }{
		{"Germany has delivered 18 Leopard 2 tanks to Ukraine, the ministry said.", "2", ""},
		{"Germany has delivered 18 Leopard 2 tanks to Ukraine, the ministry said.", "18", "supplied"},
		{"The army received four Patriot 3 missiles last week.", "3", ""},
		{"Israel Kills 5 Palestinians in Gaza Raid", "5", "killed"},
	} {
		figs := pipeline.ExtractWith(claim.Document{ID: "t", Text: c.text}, pipeline.Options{Explain: true})
		f := gotFig(figs, c.number)
		switch {
		case c.want == "" && f != nil:
			t.Errorf("%q: %q read as %s", c.text, c.number, f.Measure)
		case c.want != "" && (f == nil || f.Measure != c.want):
			t.Errorf("%q: %q not read as %s", c.text, c.number, c.want)
		}
	}
}

// TestSubsetScope: extraction marks a part of another figure as a subset
// (claim.ScopeSubset), so the series never compares it with the whole.
func TestSubsetScope(t *testing.T) {
	for _, c := range []struct{ text, number string }{
		{"Police arrested 300 protesters, including 20 students.", "20"},
		{"At least 40 people died in the fire, 12 of them children, officials said.", "12"},
		{"Fire at a market\nAt least 60 people died in the fire, officials said. Of them, 22 were children.", "22"},
	} {
		f := gotFig(pipeline.ExtractWith(claim.Document{ID: "t", Text: c.text}, pipeline.Options{}), c.number)
		if f == nil || f.Scope != claim.ScopeSubset {
			t.Errorf("%q: %q not marked a subset (%+v)", c.text, c.number, f)
		}
	}
	f := gotFig(pipeline.ExtractWith(claim.Document{ID: "t", Text: "Police arrested 300 protesters, including 20 students."}, pipeline.Options{}), "300")
	if f == nil || f.Scope == claim.ScopeSubset {
		t.Errorf("the whole is marked a subset: %+v", f)
	}
}

// checkNoFigure fails for each text whose number is read as a figure.
func checkNoFigure(t *testing.T, cases []struct{ text, number string }) {
	t.Helper()
	for _, c := range cases {
		figs := pipeline.ExtractWith(claim.Document{ID: "t", Text: c.text}, pipeline.Options{Explain: true})
		if f := gotFig(figs, c.number); f != nil {
			t.Errorf("%q: %q read as %s (%s)", c.text, c.number, f.Measure, f.Explain.Measure)
		}
	}
}
