package furniture_test

import (
	"os"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/furniture"
)

// expectDropped checks that a line on its own is furniture.
func expectDropped(t *testing.T, line string) {
	t.Helper()
	t.Run(line, func(t *testing.T) {
		t.Helper()
		if got := furniture.Clean(line); got != "" {
			t.Errorf("kept furniture line %q", got)
		}
	})
}

// expectKept checks that a line on its own is article text and comes back
// unchanged.
func expectKept(t *testing.T, line string) {
	t.Helper()
	t.Run(line, func(t *testing.T) {
		t.Helper()
		if got := furniture.Clean(line); got != line {
			t.Errorf("dropped article line %q (got %q)", line, got)
		}
	})
}

func TestFurnitureLines(t *testing.T) {
	// Labels, buttons and widget headings.
	expectDropped(t, "Advertisement")
	expectDropped(t, "— ADVERTISEMENT —")
	expectDropped(t, "Story continues below advertisement")
	expectDropped(t, "Skip Advertisement")
	expectDropped(t, "Share this article")
	expectDropped(t, "Share")
	expectDropped(t, "Copy link")
	expectDropped(t, "Most read")
	expectDropped(t, "Remind me later.")
	expectDropped(t, "___")
	expectDropped(t, "* * *")
	expectDropped(t, "•")
	expectDropped(t, "5 min read")
	expectDropped(t, "list of 4 items")
	expectDropped(t, "list 2 of 4")
	expectDropped(t, "end of list")
	expectDropped(t, "Explore more on these topics")
	expectDropped(t, "Reuse this content")

	// Links to other articles.
	expectDropped(t, "Read more: Russia says it downed 40 Ukrainian drones overnight")
	expectDropped(t, "READ ALSO: How North Korean troops fight in Kursk")
	expectDropped(t, "Read also: Ukraine war latest: 3 killed in Kharkiv strike")
	expectDropped(t, "Related: Seoul confirms capture of two North Korean soldiers")
	expectDropped(t, "See also: Timeline of the war")
	expectDropped(t, "More on this story")

	// Newsletters, subscriptions, log-in walls.
	expectDropped(t, "Sign up for our newsletter")
	expectDropped(t, "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST")
	expectDropped(t, "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.")
	expectDropped(t, "after newsletter promotion")
	expectDropped(t, "Get the Evening Briefing email with stories from our correspondents across the world. Please enter a valid email address. Subscribe. Thanks for signing up to the")
	expectDropped(t, "Our weekly digest, straight to you. Email address. Sign up. Thank you for signing up!")
	expectDropped(t, "Get the best of our reporting delivered to your inbox every morning.")
	expectDropped(t, "Subscribe to our Telegram channel")
	expectDropped(t, "Subscribe now for full access")
	expectDropped(t, "Already a subscriber? Log in")
	expectDropped(t, "Log in to continue reading")
	expectDropped(t, "Create a free account to keep reading.")
	expectDropped(t, "Get weekly news and analysis on the U.S. elections and how it matters to the world. Sign up here.")

	// Social links.
	expectDropped(t, "Follow us on Twitter")
	expectDropped(t, "Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine")
	expectDropped(t, "Join our Telegram channel for the latest updates")
	expectDropped(t, "Follow Al Jazeera English on Google News")

	// Cookie notices.
	expectDropped(t, "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.")
	expectDropped(t, "This website uses cookies. Manage your preferences in Cookie settings.")

	// Photo credits.
	expectDropped(t, "Photograph: Anatolii Stepanov/AFP/Getty Images")
	expectDropped(t, "Ukrainian servicemen near Bakhmut. (Photo by Genya Savilov / AFP)")
	expectDropped(t, "Rescuers at the site of the strike. Reuters/Alina Smutko")
	expectDropped(t, "Photo: Kyiv Independent")
	expectDropped(t, "FILE - Firefighters at the scene. (AP Photo/Efrem Lukatsky, File)")

	// Wire and site boilerplate.
	expectDropped(t, "Reporting by Jack Kim; Editing by Ed Davies")
	expectDropped(t, "Our Standards: The Thomson Reuters Trust Principles.")
	expectDropped(t, "The Associated Press receives support from several private foundations. The AP is solely responsible for all content.")
	expectDropped(t, "© 2025 The Moscow Times. All rights reserved.")
	expectDropped(t, "Copyright 2025 The Associated Press. All rights reserved.")
	expectDropped(t, "Source: Al Jazeera and news agencies")
	expectDropped(t, "Editor's note: This story has been updated.")
	expectDropped(t, "Got a tip? Contact our newsroom.")

	// Appeals in one line.
	expectDropped(t, "If you can, please support us monthly starting from just $2.")
	expectDropped(t, "We've been working hard to bring you independent news from Ukraine. Consider supporting the Kyiv Independent.")
	expectDropped(t, "Thank you for standing with us.")
	expectDropped(t, "You've read 9 articles in the last year. Support our journalism today.")
	expectDropped(t, "Donate")
	expectDropped(t, "Support the Guardian")
}

func TestArticleLinesStay(t *testing.T) {
	// Figures next to furniture words.
	expectKept(t, "More than 1,000 people have subscribed to the protest")
	expectKept(t, "More than 1,000 North Korean soldiers have been killed or wounded, South Korea's Joint Chiefs of Staff said on Monday.")
	expectKept(t, "Donated blankets reached 300 families in Kharkiv.")
	expectKept(t, "The group's weekly newsletter said 300 people were detained.")
	expectKept(t, "Police asked witnesses to send footage to an email address set up for the inquiry, after 14 people were hurt.")
	expectKept(t, "The channel has 2,000 subscribers on Telegram.")
	expectKept(t, "The UN appealed for donations to support 10,000 refugees.")
	expectKept(t, "The fund was set up to support independent journalism in Belarus, where 30 reporters are jailed.")
	expectKept(t, "Finland will become a member of NATO, officials said.")
	expectKept(t, "By supporting Russia, North Korea gains access to combat experience.")
	expectKept(t, "European allies agreed to chip in 300 million euros.")
	expectKept(t, "Share prices fell 5% on Monday.")
	expectKept(t, "Photographs from the scene show at least 12 bodies.")
	expectKept(t, "Reuters reported that 40 people were arrested.")
	expectKept(t, "Sources said at least 100 soldiers had died.")
	expectKept(t, "Follow-up strikes killed 3 rescuers.")
	expectKept(t, "Related incidents left 20 people wounded.")
	expectKept(t, "Reading the statement, officials counted 1,100 casualties.")
	expectKept(t, "US officials said 11,000 troops were deployed.")
	expectKept(t, "“We need your help,” the mayor told residents after 300 homes were destroyed.")
	expectKept(t, "\"Through various sources of information and intelligence, we assess that North Korean troops have suffered around 1,100 casualties,\" the South Korean military said in a statement.")
	expectKept(t, "Ad hoc tribunals have tried 12 people.")
	expectKept(t, "Latest figures show 4,000 displaced.")
	expectKept(t, "Updates to the toll brought it to 57 dead.")
	expectKept(t, "Сотни человек были задержаны в Москве.")
	expectKept(t, "Il bilancio è di 12 morti.")
	expectKept(t, "Dozens killed")
	expectKept(t, "Source: Interfax-Ukraine, quoting Zelenskyy's address to the Ukraine Defence Contact Group")
}

// The seed article: nine article paragraphs, then the Moscow Times'
// donation appeal, which must go whole.
func TestSeedAppealDropped(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	spans := furniture.Keep(text)
	if len(spans) != 9 {
		for _, sp := range spans {
			t.Logf("kept: %.80q", text[sp[0]:sp[1]])
		}
		t.Fatalf("kept %d lines, want the 9 article paragraphs", len(spans))
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, sp := range spans {
		if got := text[sp[0]:sp[1]]; got != lines[i] {
			t.Errorf("line %d: got %.60q, want %.60q", i, got, lines[i])
		}
	}
	clean := furniture.Clean(text)
	for _, bad := range []string{"$2", "Dear readers", "Remind me later", "Moscow Times:", "standing with us"} {
		if strings.Contains(clean, bad) {
			t.Errorf("appeal text %q kept", bad)
		}
	}
}

// TestAppealBlocks covers appeals of other outlets: the block runs until a
// line reads as a news report again.
func TestAppealBlocks(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{
			name: "guardian-style end appeal",
			text: "Ukraine said 1,200 drones were launched in a week.\n" +
				"Before you go…\n" +
				"… we have a small favour to ask. Millions turn to us every year for open, independent journalism.\n" +
				"Unlike many others, we have no shareholders. Our reporting is free for everyone.\n" +
				"Support us from just $1 a month.\n" +
				"Monthly\n" +
				"Continue\n",
			want: "Ukraine said 1,200 drones were launched in a week.",
		},
		{
			name: "appeal mid-article, article resumes",
			text: "A strike on Kharkiv killed 7 people, the governor said.\n" +
				"Dear readers,\n" +
				"Our newsroom relies on you. Become a member today.\n" +
				"Rescuers were still searching for 12 missing people on Tuesday.\n" +
				"\"We will rebuild,\" the mayor said.\n",
			want: "A strike on Kharkiv killed 7 people, the governor said.\n" +
				"Rescuers were still searching for 12 missing people on Tuesday.\n" +
				"\"We will rebuild,\" the mayor said.",
		},
		{
			name: "appeal with no opener line is swept back",
			text: "The North has sent about 11,000 troops to Russia.\n" +
				"Independent journalism in Russia is under attack, and our reporters work at great risk.\n" +
				"If you value our work, please support us monthly starting from just $2.\n",
			want: "The North has sent about 11,000 troops to Russia.",
		},
		{
			name: "meduza-style",
			text: "Police detained at least 50 people in St. Petersburg, according to OVD-Info.\n" +
				"Meduza needs your help\n" +
				"The Russian authorities have blocked our website. We depend on our readers to keep going.\n" +
				"Donate\n",
			want: "Police detained at least 50 people in St. Petersburg, according to OVD-Info.",
		},
		{
			name: "first-person article stays",
			text: "We visited the camp, where 2,000 people live in tents.\n" +
				"Our guide said more than 300 arrived last week.\n",
			want: "We visited the camp, where 2,000 people live in tents.\n" +
				"Our guide said more than 300 arrived last week.",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := furniture.Clean(c.text); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestKeepOffsets(t *testing.T) {
	text := "  Advertisement\r\n\r\n  12 people were killed.  \r\nShare\n\tThe toll rose to 15.\n"
	spans := furniture.Keep(text)
	want := []string{"12 people were killed.", "The toll rose to 15."}
	if len(spans) != len(want) {
		t.Fatalf("got %d spans, want %d", len(spans), len(want))
	}
	for i, sp := range spans {
		if got := text[sp[0]:sp[1]]; got != want[i] {
			t.Errorf("span %d = %q, want %q", i, got, want[i])
		}
	}
	if got := furniture.Keep(""); len(got) != 0 {
		t.Errorf("Keep(\"\") = %v", got)
	}
}

func FuzzKeep(f *testing.F) {
	f.Add("A Message from X:\nDear readers,\nwe need you\n12 killed")
	f.Add("\u00a0\u00a0\r\n’’\xe2\x80")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, sp := range furniture.Keep(text) {
			if sp[0] < last || sp[1] <= sp[0] || sp[1] > len(text) {
				t.Fatalf("bad span %v (prev end %d, len %d)", sp, last, len(text))
			}
			last = sp[1]
		}
	})
}

func BenchmarkKeep(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data), 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		furniture.Keep(text)
	}
}

func TestAdviceArticleStays(t *testing.T) {
	// Second-person prose is not an appeal: personal-finance pages talk to
	// "you" about contributions all the time.
	text := "Employer-sponsored plans provide tax advantages. In 2019, you can contribute up to $19,000 to a 401(k).\n" +
		"You can dip into your Roth IRA and withdraw your contributions tax-free, at any time.\n" +
		"7. Invest the money that's left over\n" +
		"If you're maxing out your accounts, move on to a brokerage account.\n"
	if got := furniture.Clean(text); got != strings.TrimSpace(text) {
		t.Errorf("dropped advice text:\n%s", got)
	}
	// A figure ends an appeal block.
	text = "Dear readers,\nWe depend on you.\nThe strike killed 14 people and wounded 30, you may recall.\n"
	if got, want := furniture.Clean(text), "The strike killed 14 people and wounded 30, you may recall."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// BenchmarkKeepArticle: the common case, article text with no appeal.
func BenchmarkKeepArticle(b *testing.B) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	article, _, _ := strings.Cut(string(data), "A Message from")
	text := strings.Repeat(article, 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		furniture.Keep(text)
	}
}
