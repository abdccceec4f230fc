package parse

import "fmt"

func errSentences(g, p int) error {
	return fmt.Errorf("parse: %d gold sentences but %d parsed", g, p)
}

func errWords(i, g, p int) error {
	return fmt.Errorf("parse: sentence %d has %d gold words but %d parsed", i+1, g, p)
}
