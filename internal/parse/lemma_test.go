package parse

import (
	"strings"
	"testing"
)

// TestLemmaRules pins the lemmas of words the treebank may never have
// held, from the rules and the irregular verbs alone.
func TestLemmaRules(t *testing.T) {
	z := &lemmatizer{known: map[string]bool{"capture": true, "add": true, "hope": true, "hop": true, "visit": true},
		except: map[exceptKey]string{}}
	checkLemmas(t, z, []lemmaCase{
		{"fled", "VERB", "VBD", "flee"},
		{"risen", "VERB", "VBN", "rise"},
		{"stood", "VERB", "VBD", "stand"},
		{"slain", "VERB", "VBN", "slay"},
		{"recaptured", "VERB", "VBD", "recapture"},
		{"recapturing", "VERB", "VBG", "recapture"},
		{"escalated", "VERB", "VBD", "escalate"},
		{"evacuated", "VERB", "VBN", "evacuate"},
		{"added", "VERB", "VBD", "add"},
		{"hoped", "VERB", "VBD", "hope"},
		{"hopped", "VERB", "VBD", "hop"},
		{"visited", "VERB", "VBD", "visit"},
		{"stopped", "VERB", "VBD", "stop"},
		{"voted", "VERB", "VBD", "vote"},
		{"quoted", "VERB", "VBN", "quote"},
		{"wanted", "VERB", "VBD", "want"},
		{"opened", "VERB", "VBD", "open"},
		{"looked", "VERB", "VBD", "look"},
		{"treated", "VERB", "VBN", "treat"},
		{"injured", "VERB", "VBN", "injure"},
		{"required", "VERB", "VBN", "require"},
		{"declared", "VERB", "VBD", "declare"},
		{"appeared", "VERB", "VBD", "appear"},
		{"changed", "VERB", "VBD", "change"},
		{"belonged", "VERB", "VBD", "belong"},
		{"charged", "VERB", "VBN", "charge"},
		{"troubled", "VERB", "VBN", "trouble"},
		{"killed", "VERB", "VBN", "kill"},
		{"patrolled", "VERB", "VBD", "patrol"},
		{"forced", "VERB", "VBN", "force"},
		{"moving", "VERB", "VBG", "move"},
		{"continued", "VERB", "VBD", "continue"},
		{"included", "VERB", "VBD", "include"},
		{"avoided", "VERB", "VBD", "avoid"},
		{"provoked", "VERB", "VBD", "provoke"},
		{"looked", "VERB", "VBN", "look"},
		{"caused", "VERB", "VBD", "cause"},
		{"released", "VERB", "VBD", "release"},
		{"closed", "VERB", "VBD", "close"},
		{"passed", "VERB", "VBD", "pass"},
		{"dying", "VERB", "VBG", "die"},
		{"died", "VERB", "VBD", "die"},
		{"carried", "VERB", "VBD", "carry"},
		{"reaches", "VERB", "VBZ", "reach"},
		{"casualties", "NOUN", "NNS", "casualty"},
		{"Korea", "PROPN", "NNP", "Korea"},
		{"shed", "VERB", "VBD", "shed"},
	})
}

type lemmaCase struct{ form, upos, xpos, want string }

func checkLemmas(t *testing.T, z *lemmatizer, cases []lemmaCase) {
	t.Helper()
	for _, c := range cases {
		if got := z.lemma(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("lemma(%q %s %s) = %q, want %q", c.form, c.upos, c.xpos, got, c.want)
		}
	}
}

// TestLemmasLearned trains the lemmatizer on EWT and checks that a rare
// reading does not override the common one, and that typo corrections
// (the treebank lemmatises "that" mistyped for "than" as "than") are not
// learnt.
func TestLemmasLearned(t *testing.T) {
	train := readUD(t, "en_ewt-ud-train.conllu")
	z := learnLemmas(train)
	checkLemmas(t, z, []lemmaCase{
		{"that", "SCONJ", "IN", "that"},
		{"that", "ADP", "IN", "that"},
		{"that", "PRON", "WDT", "that"},
		{"was", "AUX", "VBD", "be"},
		{"people", "NOUN", "NNS", "people"},
		{"children", "NOUN", "NNS", "child"},
		{"fled", "VERB", "VBD", "flee"},
		{"risen", "VERB", "VBN", "rise"},
		{"recaptured", "VERB", "VBN", "recapture"},
	})
	// On dev, with gold tags, the lemmas of verbs and nouns are nearly all
	// right.
	dev := readUD(t, "en_ewt-ud-dev.conllu")
	right, all := 0, 0
	var wrong []string
	for _, s := range dev {
		for _, w := range s.Words {
			if w.UPOS != "VERB" && w.UPOS != "NOUN" || strings.Contains(w.Feats, "Typo=Yes") {
				continue
			}
			all++
			if got := z.lemma(w.Form, w.UPOS, w.XPOS); strings.EqualFold(got, w.Lemma) {
				right++
			} else if len(wrong) < 40 {
				wrong = append(wrong, w.Form+"→"+got+"≠"+w.Lemma)
			}
		}
	}
	acc := float64(right) / float64(all)
	t.Logf("verb and noun lemmas on dev: %.4f of %d; %v", acc, all, wrong)
	if acc < 0.98 {
		t.Errorf("verb and noun lemma accuracy %.4f", acc)
	}
}
