package numbers

// units are the number words below a hundred.
var units = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// scales multiply what precedes them: "1.5 million", "two hundred".
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"mln": 1e6, "bln": 1e9, "bn": 1e9,
}

// suffixScales are letters glued to digits that scale them: "3k", "1.9m",
// "2bn". Other glued letters ("240mm", "10th", "1990s") make the token a
// measurement, an ordinal or a decade, never a count.
var suffixScales = map[string]float64{"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}

// vagueWords are quantity words without a value. "hundreds of thousands"
// and "several hundred" are built from them by the parser.
var vagueWords = map[string]bool{
	"hundreds": true, "thousands": true, "millions": true, "dozens": true, "scores": true,
	"tens": true, "several": true, "numerous": true, "billions": true,
}

// Modifiers before a number, longest first; each maps to a qualifier.
// Phrases are lower-case token sequences.
//
//	"more than 1,000", "at least 100", "up to 12,000", "an estimated 770"
var preModifiers = []struct {
	words []string
	qual  string
}{
	{[]string{"no", "fewer", "than"}, "min"},
	{[]string{"no", "less", "than"}, "min"},
	{[]string{"not", "less", "than"}, "min"},
	{[]string{"no", "more", "than"}, "max"},
	{[]string{"not", "more", "than"}, "max"},
	{[]string{"a", "maximum", "of"}, "max"},
	{[]string{"a", "minimum", "of"}, "min"},
	{[]string{"in", "excess", "of"}, "min"},
	{[]string{"upwards", "of"}, "min"},
	{[]string{"upward", "of"}, "min"},
	{[]string{"well", "over"}, "min"},
	{[]string{"just", "over"}, "min"},
	{[]string{"well", "above"}, "min"},
	{[]string{"more", "than"}, "min"},
	{[]string{"greater", "than"}, "min"},
	{[]string{"at", "least"}, "min"},
	{[]string{"as", "many", "as"}, "max"},
	{[]string{"as", "much", "as"}, "max"},
	{[]string{"as", "high", "as"}, "max"},
	{[]string{"fewer", "than"}, "max"},
	{[]string{"less", "than"}, "max"},
	{[]string{"at", "most"}, "max"},
	{[]string{"up", "to"}, "max"},
	{[]string{"just", "under"}, "max"},
	{[]string{"close", "to"}, "approx"},
	{[]string{"an", "estimated"}, "approx"},
	{[]string{"an", "approximate"}, "approx"},
	{[]string{"some", "estimated"}, "approx"},
	{[]string{"about"}, "approx"},
	{[]string{"around"}, "approx"},
	{[]string{"some"}, "approx"},
	{[]string{"roughly"}, "approx"},
	{[]string{"nearly"}, "approx"},
	{[]string{"almost"}, "approx"},
	{[]string{"approximately"}, "approx"},
	{[]string{"estimated"}, "approx"},
	{[]string{"circa"}, "approx"},
	{[]string{"nearing"}, "approx"},
	{[]string{"over"}, "min"},
	{[]string{"exceeding"}, "min"},
	{[]string{"above"}, "min"},
	{[]string{"under"}, "max"},
	{[]string{"tops"}, "min"},
	{[]string{"topped"}, "min"},
	{[]string{"topping"}, "min"},
	{[]string{"exceeded"}, "min"},
	{[]string{"exceeds"}, "min"},
	{[]string{"surpassed"}, "min"},
	{[]string{"surpassing"}, "min"},
	{[]string{"surpasses"}, "min"},
}

// postModifiers follow the number: "3,000 or more", "1,000-plus".
var postModifiers = []struct {
	words []string
	qual  string
}{
	{[]string{"or", "more"}, "min"},
	{[]string{"and", "more"}, "min"},
	{[]string{"or", "so"}, "approx"},
	{[]string{"-", "plus"}, "min"},
	{[]string{"+"}, "min"},
	{[]string{"or", "fewer"}, "max"},
	{[]string{"or", "less"}, "max"},
}
