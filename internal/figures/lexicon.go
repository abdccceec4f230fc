package figures

// The word lists below decide what a number counts. Each is keyed by the
// lower-cased token; entries are grouped by the construction they serve,
// with example sentences above each group.

// measureNouns name the measure themselves when they are the counted noun
// or follow the number directly:
//
//	"suffered around 1,100 casualties", "3,145 deaths", "18,484 wounded",
//	"released 9,000 prisoners", "588,000 refugees", "24 corpses"
var measureNouns = map[string]string{
	"casualties": "casualties", "casualty": "casualties", "losses": "casualties",
	"deaths": "killed", "dead": "killed", "fatalities": "killed", "bodies": "killed",
	"corpses": "killed", "killed": "killed", "death": "killed", "lives": "killed",
	"martyrs": "killed", "murders": "killed", "killings": "killed", "executions": "killed",
	"wounded": "wounded", "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
	"hostages": "captured", "hostage": "captured", "prisoners": "captured", "prisoner": "captured",
	"captives": "captured", "captive": "captured", "pows": "captured", "abductees": "captured",
	"missing":  "missing",
	"refugees": "refugees", "refugee": "refugees", "asylum-seekers": "refugees",
	"detainees": "arrested", "detainee": "arrested", "arrests": "arrested", "inmates": "captured",
	"evacuees":  "evacuated",
	"displaced": "displaced", "idps": "displaced", "homeless": "displaced",
}

// measureVerbs are the verbs (and participles) that say what happened to
// the people counted:
//
//	"300 soldiers ... have died", "killing 12 and wounding 30",
//	"511 people were arrested", "Pyongyang has sent thousands of troops"
var measureVerbs = map[string]string{
	"kill": "killed", "kills": "killed", "killed": "killed", "killing": "killed",
	"die": "killed", "dies": "killed", "died": "killed", "dying": "killed",
	"slain": "killed", "slay": "killed", "slays": "killed", "massacred": "killed",
	"massacre": "killed", "murdered": "killed", "murder": "killed", "murdering": "killed",
	"executed": "killed", "execute": "killed", "executing": "killed", "beheaded": "killed",
	"behead": "killed", "beheading": "killed", "perished": "killed", "drowned": "killed",
	"suffocated": "killed", "asphyxiated": "killed", "electrocuted": "killed",
	"assassinated": "killed", "slaughtered": "killed", "gunned": "killed", "shot": "killed",
	"wound": "wounded", "wounds": "wounded", "wounding": "wounded", "wounded": "wounded",
	"injure": "wounded", "injures": "wounded", "injured": "wounded", "injuring": "wounded",
	"hurt": "wounded", "hurting": "wounded",
	"kidnap": "captured", "kidnaps": "captured", "kidnapped": "captured", "kidnapping": "captured",
	"abduct": "captured", "abducts": "captured", "abducted": "captured", "abducting": "captured",
	"captured": "captured", "capture": "captured", "capturing": "captured", "seized": "captured",
	"arrest": "arrested", "arrests": "arrested", "arrested": "arrested", "arresting": "arrested",
	"detain": "arrested", "detains": "arrested", "detained": "arrested", "detaining": "arrested",
	"jailed": "arrested", "jail": "arrested", "jails": "arrested", "jailing": "arrested",
	"imprisoned": "arrested", "imprison": "arrested",
	"evacuate": "evacuated", "evacuates": "evacuated", "evacuated": "evacuated", "evacuating": "evacuated",
	"displace": "displaced", "displaces": "displaced", "displaced": "displaced", "displacing": "displaced",
	"uprooted": "displaced",
	"fled":     "displaced", "flee": "displaced", "fleeing": "displaced", "flees": "displaced",
	"deploy": "deployed", "deploys": "deployed", "deployed": "deployed", "deploying": "deployed",
	"send": "deployed", "sends": "deployed", "sent": "deployed", "sending": "deployed",
	"dispatched": "deployed", "dispatch": "deployed", "dispatches": "deployed", "dispatching": "deployed",
	"stationed": "deployed", "station": "deployed", "withdrawn": "deployed", "withdraw": "deployed",
	"withdrawing": "deployed", "withdraws": "deployed", "withdrew": "deployed", "redeploy": "deployed",
	"redeployed": "deployed", "massed": "deployed", "amassed": "deployed",
	"supplied": "supplied", "supply": "supplied", "supplies": "supplied", "supplying": "supplied",
	"delivered": "supplied", "deliver": "supplied", "delivering": "supplied", "shipped": "supplied",
	"ship": "supplied", "shipping": "supplied", "transferred": "supplied", "provided": "supplied",
	"exported": "supplied",
	"missing":  "missing", "disappeared": "missing", "vanished": "missing",
	"lost": "casualties", "losing": "casualties", "lose": "casualties", "loses": "casualties",
	"airlifted": "evacuated", "flown": "evacuated", "custody": "arrested",
	"moved": "deployed", "reached": "deployed", "arrived": "deployed", "present": "deployed",
}

// deployOnly are measure words that count only troops and other deployed
// people: "10,000 soldiers have reached Kursk", "the 50,000 troops that
// Moscow has moved into the border area".
var deployOnly = map[string]bool{"moved": true, "reached": true, "arrived": true, "present": true,
	"massed": true, "amassed": true, "withdrew": true, "withdraw": true, "withdrawn": true, "withdrawing": true, "withdraws": true}

// supplyVerbs deliver weapons: "North Korea has sent as many as 6,700
// containers".
var supplyVerbs = map[string]bool{
	"supplied": true, "supply": true, "supplies": true, "supplying": true, "delivered": true,
	"deliver": true, "delivering": true, "delivers": true, "shipped": true, "ship": true,
	"shipping": true, "ships": true, "transferred": true, "provided": true, "providing": true,
	"exported": true, "sent": true, "send": true, "sending": true, "sends": true, "gave": true,
	"given": true, "handed": true, "donated": true,
}

// releaseVerbs make the people counted captives: "Vietnam has released
// nearly 9,000 prisoners", "Iraq group to free 3 Indians".
var releaseVerbs = map[string]bool{
	"free": true, "frees": true, "freed": true, "freeing": true, "release": true,
	"released": true, "releases": true, "releasing": true, "holding": true, "held": true,
	"hold": true, "holds": true, "swap": true, "exchange": true, "exchanged": true, "swapped": true,
	"repatriated": true, "returned": true,
}

// deployNouns are the people whose sending is a deployment; supplyNouns
// the items whose delivery counts as supplied.
var deployNouns = map[string]bool{
	"troops": true, "soldiers": true, "forces": true, "personnel": true, "servicemen": true,
	"marines": true, "peacekeepers": true, "paratroopers": true, "reinforcements": true,
	"workers": true, "police": true, "policemen": true, "officers": true, "sailors": true,
	"mercenaries": true, "fighters": true, "commandos": true, "reservists": true, "guardsmen": true,
	"advisers": true, "advisors": true, "instructors": true, "engineers": true, "medics": true,
	"doctors": true, "observers": true, "monitors": true, "military": true, "staff": true,
}

var supplyNouns = map[string]bool{
	"shells": true, "rounds": true, "missiles": true, "rockets": true, "drones": true, "tanks": true,
	"containers": true, "munitions": true, "launchers": true, "howitzers": true, "weapons": true,
	"guns": true, "rifles": true, "artillery": true, "grenades": true, "mines": true, "bombs": true,
	"ammunition": true, "vehicles": true, "jets": true, "aircraft": true, "systems": true,
	"cartridges": true, "projectiles": true, "mortars": true, "warheads": true,
}

// timeUnits, measureUnits and moneyUnits following a number make it a
// duration, an age, a distance or an amount, not a count of people.
var nonCountNext = map[string]bool{
	"year": true, "years": true, "day": true, "days": true, "hour": true, "hours": true,
	"minute": true, "minutes": true, "second": true, "seconds": true, "week": true,
	"weeks": true, "month": true, "months": true, "decade": true, "decades": true,
	"century": true, "centuries": true, "night": true, "nights": true, "year-old": true,
	"km": true, "kilometres": true, "kilometers": true, "kilometre": true, "kilometer": true,
	"miles": true, "mile": true, "metres": true, "meters": true, "metre": true, "meter": true,
	"feet": true, "foot": true, "yards": true, "inches": true, "kg": true, "kilograms": true,
	"tonnes": true, "tons": true, "tonne": true, "ton": true, "pounds": true, "acres": true,
	"hectares": true, "sq": true, "square": true, "degrees": true, "litres": true, "liters": true,
	"gallons": true, "barrels": true, "mph": true, "knots": true,
	"percent": true, "per": true, "pct": true, "percentage": true, "%": true, "points": true,
	"dollars": true, "dollar": true, "euros": true, "euro": true, "yuan": true, "rupees": true,
	"dinars": true, "shekels": true, "rubles": true, "roubles": true, "yen": true, "won": true,
	"francs": true, "pesos": true, "riyals": true, "usd": true, "eur": true, "gbp": true,
	"a.m.": true, "p.m.": true, "am": true, "pm": true, "gmt": true, "o'clock": true, "magnitude": true,
	"times": true, "votes": true, "seats": true, "thirds": true, "quarters": true, "fifths": true,
	"tenth": true, "tenths": true, "third": true, "quarter": true, "fifth": true, "sixth": true, "eighth": true,
	"halves": true, "th": true, "st": true, "nd": true, "rd": true, "goals": true, "runs": true,
	"wickets": true, "overs": true, "storey": true, "story": true, "floors": true, "mm": true,
	"cm": true, "caliber": true, "calibre": true, "bpd": true, "mw": true, "gw": true,
}

// nonCountPrev before a number make it an amount, a date, an age or a rank:
// "$2", "Dec. 16", "aged 25", "No. 2", "magnitude 6.2".
var nonCountPrev = map[string]bool{
	"$": true, "€": true, "£": true, "¥": true, "us$": true, "rs": true, "aged": true,
	"age": true, "ages": true, "no": true, "number": true, "magnitude": true, "page": true,
	"jan": true, "january": true, "feb": true, "february": true, "march": true, "apr": true,
	"april": true, "may": true, "jun": true, "june": true, "jul": true, "july": true,
	"aug": true, "august": true, "sep": true, "sept": true, "september": true, "oct": true,
	"october": true, "nov": true, "november": true, "dec": true, "december": true,
	"resolution": true, "flight": true, "route": true, "article": true, "chapter": true,
	"section": true, "room": true, "gate": true, "level": true, "category": true, "grade": true,
	"version": true, "channel": true, "paragraph": true, "line": true, "highway": true,
	"score": true, "scored": true, "beat": true, "won": true, "lost": true,
}

// months follow a day number: "16 December".
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// modals turn what follows into a forecast or threat, which is never a
// figure: "could flee", "may have killed"? (kept), "threatened to kill".
var modals = map[string]bool{
	"could": true, "would": true, "might": true, "will": true, "threatened": true,
	"threatening": true, "threaten": true, "threatens": true, "plans": true, "plan": true,
	"planned": true, "to": true, "'ll": true, "expected": true, "likely": true,
	"want": true, "wants": true, "intends": true, "intend": true, "aims": true,
	"vowed": true, "vows": true, "ready": true, "prepared": true, "preparing": true,
	"should": true, "shall": true, "cannot": true, "can": true, "may": true,
}

// auxiliaries and adverbs sit between a counted noun and its verb: "300
// soldiers have reportedly been killed". They also mark a verb as passive.
var auxiliaries = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "got": true, "get": true, "gets": true,
	"reportedly": true, "also": true, "all": true, "now": true, "already": true, "later": true,
	"allegedly": true, "apparently": true, "believed": true, "feared": true, "confirmed": true,
	"thought": true, "known": true, "presumed": true, "officially": true, "still": true,
	"mostly": true, "seriously": true, "badly": true, "critically": true, "slightly": true,
	"lightly": true, "severely": true, "fatally": true, "subsequently": true, "eventually": true,
	"just": true, "recently": true, "remain": true, "remained": true, "remains": true,
	"tragically": true, "brutally": true, "either": true, "reported": true, "said": true,
	"initially": true, "since": true, "who": true, "that": true, "which": true, "each": true,
	"previously": true, "so": true, "far": true,
}

// nonPersonNouns head noun phrases that count things, not people: "six
// buildings were destroyed" is no figure.
var nonPersonNouns = map[string]bool{
	"buildings": true, "houses": true, "homes": true, "vehicles": true, "cars": true,
	"planes": true, "aircraft": true, "airliners": true, "helicopters": true, "ships": true,
	"boats": true, "villages": true, "towns": true, "cities": true, "countries": true,
	"nations": true, "states": true, "provinces": true, "districts": true, "regions": true,
	"votes": true, "seats": true, "points": true, "goals": true, "times": true, "attacks": true,
	"bombs": true, "explosions": true, "blasts": true, "incidents": true, "cases": true,
	"schools": true, "hospitals": true, "mosques": true, "churches": true, "camps": true,
	"areas": true, "sites": true, "targets": true, "positions": true, "bases": true,
	"lawyers": true, "items": true, "documents": true, "pages": true, "words": true,
	"dollars": true, "euros": true, "charges": true, "counts": true, "trucks": true,
	"roads": true, "bridges": true, "streets": true, "floors": true, "rooms": true,
	"letters": true, "questions": true, "issues": true, "steps": true, "stages": true,
	"raids": true, "operations": true, "strikes": true, "airstrikes": true,
	"protests": true, "rallies": true, "clashes": true, "flights": true, "dinghies": true,
}
