package parse

import "strings"

// irregular maps the past tense and past participle of English irregular
// verbs to their lemma, for the forms the treebank does not happen to
// hold ("fled", "risen", "slain"); the suffix rules cannot know them.
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(irregularVerbs, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			m[form] = f[0]
		}
	}
	return m
}()

// irregularVerbs is one verb a line: the lemma, then its irregular forms.
const irregularVerbs = `arise arose arisen
awake awoke awoken
be was were been
bear bore borne born
beat beaten
become became
begin began begun
bend bent
bet
bid
bind bound
bite bit bitten
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
broadcast
build built
burn burnt
burst
buy bought
cast
catch caught
choose chose chosen
cling clung
come came
cost
creep crept
cut
deal dealt
dig dug
do did done
draw drew drawn
dream dreamt
drink drank drunk
drive drove driven
dwell dwelt
eat ate eaten
fall fell fallen
feed fed
feel felt
fight fought
find found
flee fled
fling flung
fly flew flown
forbid forbade forbidden
forecast
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go went gone
grind ground
grow grew grown
hang hung
have had
hear heard
hide hid hidden
hit
hold held
hurt
keep kept
kneel knelt
know knew known
lay laid
lead led
lean leant
leap leapt
learn learnt
leave left
lend lent
let
lie lay lain
light lit
lose lost
make made
mean meant
meet met
mislead misled
mistake mistook mistaken
overcome overcame
overtake overtook overtaken
overthrow overthrew overthrown
pay paid
prove proven
put
quit
read
rebuild rebuilt
redo redid redone
rid
ride rode ridden
ring rang rung
rise rose risen
run ran
say said
see saw seen
seek sought
sell sold
send sent
set
sew sewn
shake shook shaken
shed
shine shone
shoot shot
show shown
shrink shrank shrunk
shut
sing sang sung
sink sank sunk
sit sat
slay slew slain
sleep slept
slide slid
sling slung
speak spoke spoken
speed sped
spend spent
spill spilt
spin spun
split
spread
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
stink stank stunk
strike struck stricken
string strung
strive strove striven
swear swore sworn
sweep swept
swell swollen
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
thrust
tread trod trodden
undergo underwent undergone
understand understood
undertake undertook undertaken
upset
uphold upheld
wake woke woken
wear wore worn
weave wove woven
weep wept
win won
wind wound
withdraw withdrew withdrawn
withhold withheld
withstand withstood
wring wrung
write wrote written`
