package figures

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/tokens"
)

// find returns "number text|measure" for each mention in s, joined by "; ".
func find(s string) string {
	toks := tokens.Tokenize(s, 0, len(s))
	var out []string
	for _, m := range Find(toks, nil) {
		out = append(out, s[m.Start:m.End]+"|"+m.Measure)
	}
	return strings.Join(out, "; ")
}

// Sentences written for these tests in the style of wire reports.
func TestFind(t *testing.T) {
	tests := []struct{ in, want string }{
		// The noun names the measure.
		{"The army said its troops had suffered around 1,100 casualties.", "around 1,100|casualties"},
		{"The quake left 3,145 deaths and 4,589 injured across the region.", "3,145|killed; 4,589|wounded"},
		{"Vietnam has released nearly 9,000 prisoners under an amnesty.", "nearly 9,000|captured"},
		{"Chad is hosting 588,000 refugees from the conflict.", "588,000|refugees"},
		// A verb before the number.
		{"A car bomb exploded in the market, killing 12 and wounding 30.", "12|killed; 30|wounded"},
		{"U.S. forces killed more than 50 militiamen on Wednesday.", "more than 50|killed"},
		{"Gunmen kidnapped two aid workers near the border.", "two|captured"},
		{"Police arrested 511 people after the sit-in.", "511|arrested"},
		{"Pyongyang has sent thousands of troops to the front.", "thousands|deployed"},
		{"Soldiers shot dead six people in the village.", "six|killed"},
		// The predicate after the noun phrase.
		{"More than 1,000 soldiers have been killed or wounded in the fighting.", "More than 1,000|casualties"},
		{"At least 300 soldiers sent to the front have died, officials said.", "At least 300|killed"},
		{"One policeman was killed and three others were wounded.", "One|killed; three|wounded"},
		{"Some 3.7 million people are internally displaced.", "Some 3.7 million|displaced"},
		{"Almost 700,000 people have been driven from their homes.", "Almost 700,000|displaced"},
		{"Some 40,000 people abandoned their homes as the river rose.", "Some 40,000|displaced"},
		// "and of 50 more" continues the last figure however far back.
		{"The agency was told of 400 migrants dying when a boat overturned off the coast on Monday, and of 50 more on Wednesday.", "400|killed; 50|killed"},
		// Losses and displacement that top a number across an aside; a
		// count of the killed or wounded.
		{"The army's December losses in the region, dead and wounded combined, had topped 3,000.", "topped 3,000|casualties"},
		{"Forced displacement kept rising and had probably passed 120 million by April.", "120 million|displaced"},
		{"The count of soldiers killed or wounded in the area has now gone past 3,000.", "3,000|casualties"},
		{"The invasion has taken a terrible toll, causing suffering to millions of civilians.", ""},
		// Suffocated; a report inside a relative clause; troops on the
		// move; a craft that disappeared with its crew.
		{"Villagers asked after 78 men who officials said suffocated in army trucks.", "78|killed"},
		{"Nearly 800 British troops left their base on Wednesday, heading north.", "Nearly 800|deployed"},
		{"Some 450 paramilitary fighters left the battlefields, turning in their weapons.", ""},
		{"The helicopter, which disappeared with four crew members on board, was found.", "four|missing"},
		// Troops counted where they are stationed; hostages held.
		{"A group said Italy must withdraw its 3,000 troops from Iraq.", "3,000|deployed"},
		{"Some 2,500 soldiers in Kosovo were put on alert.", "Some 2,500|deployed"},
		{"Militants holding hostage three aid workers said they would talk.", "three|captured"},
		{"About 40 aid workers in Darfur said they were afraid.", ""},
		// Weapons are no people, even coordinated with people.
		{"Separatists seal off the capital with 5 bombs, 2 police hurt", "2|wounded"},
		// Weapons are no people, even before a participle.
		{"A man with six grenades strapped to his body killed himself in the market.", ""},
		// Crowds and candidates are not deployed; troops are.
		{"Two million people massed in the streets of the capital overnight.", ""},
		{"The vote was marred when all 15 candidates opposing the president withdrew.", ""},
		{"Russia has amassed 100,000 troops near the border.", "100,000|deployed"},
		{"The United States withdrew 2,000 troops from the region last year.", "2,000|deployed"},
		// The accused are not counted; "over" after a dispute is no bound.
		{"The retrial of 16 Hindus charged with the murder of 12 Muslims opens in Mumbai.", "12|killed"},
		{"Four soldiers are charged with the murder of a general who died in custody.", ""},
		{"Troops killed 30 suspected militants in a raid on Sunday.", "30|killed"},
		{"The row over four exiles imprisoned in Havana deepened on Monday.", "four|arrested"},
		// A dead heat kills no one.
		{"Nevada, where the two candidates are in a dead heat, votes today.", ""},
		// Ages between commas are no counts.
		{"Swimmer, 77, believed killed in shark attack", ""},
		{"Police said John Harper, 45, died at the scene.", ""},
		// Headline tolls, corpses, lives lost, deaths, a lone "one".
		{"Jeanne death toll over 600 in Haiti", "over 600|killed"},
		{"Death Toll 69 in Japan Typhoon, 19 Still Missing", "69|killed; 19|missing"},
		{"The corpses of 50 soldiers were found near the border.", "50|killed"},
		{"It was the bloodiest month for the troops, with at least 135 losing their lives.", "at least 135|killed"},
		{"The storm swept at least four people to their deaths.", "at least four|killed"},
		{"Attack on aid convoy kills one in southern province", "one|killed"},
		{"One in five children is malnourished.", ""},
		{"A bomb killed 35 children and seven adults at the fair.", "35|killed; seven|killed"},
		// Held by police is arrested; held by captors is captured.
		{"Four men were held in anti-terror raids across the city, police said.", "Four|arrested"},
		{"Militants are holding three aid workers hostage.", "three|captured"},
		{"The government freed 200 prisoners under an amnesty.", "200|captured"},
		// An aside holding a number, and "of" complements, before the verb.
		{"At least nine people - seven of them children - have died in the floods.", "At least nine|killed; seven|killed"},
		{"Four employees of a foreign security firm slain in mortar attack", "Four|killed"},
		// Coordinated counts share the predicate.
		{"At least nine villagers and four soldiers are reported to have been killed in the raid.", "At least nine|killed; four|killed"},
		{"Six national guards, 10 civilians and a policeman were wounded in two bombings.", "Six|wounded; 10|wounded"},
		{"Five miners are feared to have died in the flooded shaft.", "Five|killed"},
		{"About 5,000 families have had to leave their homes since the storm.", "About 5,000|displaced"},
		{"Russia had lost 2,030 troops in the previous 24 hours.", "2,030|casualties"},
		{"The home side won 3 games in a row.", ""},
		{"Five thousand people protesting job losses marched through the city.", ""},
		{"About 221 people remain missing after the floods.", "About 221|missing"},
		{"Hundreds of residents were evacuated as the river rose.", "Hundreds|evacuated"},
		{"Police took more than 1,100 people into custody.", "more than 1,100|arrested"},
		// Nouns of the number, tolls and totals.
		{"The deaths of 12 hostages shocked the country.", "12|killed"},
		{"The death toll from the storm rose to 62 on Friday.", "62|killed"},
		{"Officials put the number of people killed by the blast at 85.", "85|killed"},
		{"Some 100,000 refugees have arrived, and the total now stands at more than half a million.", "Some 100,000|refugees; more than half a million|refugees"},
		// Subsets and lists.
		{"The plane crashed, killing 25 people, including five children.", "25|killed; five|killed"},
		{"Among the dead are 2,913 children, along with 1,709 women.", "2,913|killed; 1,709|killed"},
		// Weapons.
		{"North Korea has shipped as many as 6,700 containers of munitions to Russia.", "as many as 6,700|supplied"},
		// Traps: calibres, money, years, ages, durations, percentages,
		// forecasts, crowds, votes, things.
		{"The North supplied 240mm rocket launchers and 170mm artillery.", ""},
		{"Please support us from just $2 a month.", ""},
		{"The 1994 bombing is still unsolved.", ""},
		{"A 25-year-old man was detained for 10 days.", ""},
		{"Turnout was 54 percent among 2,000 voters.", ""},
		{"Up to 200,000 more people could flee in the coming three months.", ""},
		{"Several hundred thousand pilgrims attended the Mass.", ""},
		{"Six buildings were destroyed in the blast.", ""},
		{"Five gunmen killed two policemen.", "two|killed"},
		{"The court sentenced three men to death.", ""},
		{"Rescuers pulled four people alive from the rubble.", ""},
	}
	for _, tc := range tests {
		if got := find(tc.in); got != tc.want {
			t.Errorf("Find(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("More than 1,000 soldiers have been killed or wounded, killing 12 and wounding 30.")
	f.Add("Among the dead are 2,913 children, along with 1,709 women and of 50 more")
	f.Fuzz(func(t *testing.T, s string) {
		toks := tokens.Tokenize(s, 0, len(s))
		for _, m := range Find(toks, &Context{}) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad span %d:%d in %q", m.Start, m.End, s)
			}
		}
	})
}
