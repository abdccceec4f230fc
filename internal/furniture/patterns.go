package furniture

// The word lists behind classify. All are lowercase, with typographic
// apostrophes folded to "'". Each list says how it is matched; the lines
// above each list are the kind of page text it is for.

// exactLines are whole lines (punctuation around them trimmed) that are
// widgets: labels, buttons, headings of link boxes.
//
//	Advertisement · — ADVERTISEMENT — · Share · Remind me later. · Most read
var exactLines = set(
	"ad", "ads", "advertisement", "advertisment", "advertising", "sponsored", "sponsored content", "paid content",
	"partner content", "promoted", "story continues below advertisement", "article continues below advertisement",
	"article continues below", "story continues below", "continue reading below", "skip advertisement",
	"scroll to continue with content", "content continues below", "after newsletter promotion",
	"share", "share this", "share this article", "share this story", "share this page", "share article", "share story",
	"share on facebook", "share on twitter", "share on x", "share via email", "share via", "tweet", "email", "e-mail",
	"print", "copy link", "copy", "link copied", "copied", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin",
	"reddit", "pinterest", "bluesky", "flipboard", "mail", "comments", "comment", "leave a comment", "view comments",
	"show comments", "close", "menu", "search", "home", "remind me later", "maybe later", "not now", "no thanks",
	"no, thanks", "continue", "continue reading", "read more", "read full article", "show more", "load more", "see more",
	"subscribe", "sign up", "log in", "login", "sign in", "register", "donate", "donate now", "support us", "contribute",
	"become a member", "join now", "most read", "most popular", "most viewed", "popular", "trending", "trending now",
	"related", "related articles", "related stories", "related content", "related news", "related coverage",
	"more stories", "more news", "more on this story", "more from", "recommended", "recommended for you",
	"top stories", "latest", "latest news", "latest stories", "news", "next article", "previous article", "next",
	"previous", "back to top", "loading", "you may also like", "you might also like", "keep reading", "end of list",
	"listen", "listen to this article", "listen to article", "audio", "watch", "video", "play video", "explore more on these topics",
	"reuse this content", "topics", "tags", "accept", "accept all", "reject all", "manage cookies", "cookie settings",
	"got it", "ok", "okay", "skip to content", "skip to main content", "open in app", "download the app", "get the app",
	"updated", "published", "photo", "photos", "gallery", "image", "credit", "toggle caption", "hide caption",
	"expand", "collapse", "enlarge this image", "view image in fullscreen", "view gallery", "view larger image",
	"monthly", "annual", "annually", "one-time", "once", "yearly", "other", "other amount",
)

// shortPrefixes start a short line (at most shortLine bytes) that is a
// link, a label or a box heading.
//
//	Read more: Russia says it downed 40 Ukrainian drones
//	READ ALSO: How North Korean troops fight in Kursk
//	Related: Seoul confirms capture of two soldiers
//	Sign up to First Edition, our free daily newsletter
//	Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine
//	Reporting by Jack Kim; Editing by Ed Davies
var shortPrefixes = []string{
	"read more", "read also", "also read", "read next", "read the full", "read the latest", "read our",
	"see also", "related:", "related articles", "related stories", "related coverage", "related news", "related reading",
	"more on this", "more coverage", "more from", "more stories", "more news", "further reading", "recommended:",
	"advertisement", "sponsored by", "supported by", "paid for by", "presented by",
	"share this", "share on", "share:", "share via", "share article", "share story",
	"follow us", "follow ap's", "follow reuters", "follow the latest", "follow our", "follow live",
	"join us on", "join our", "find us on", "like us on", "connect with us",
	"sign up", "subscribe", "already a subscriber", "already subscribed", "log in", "login", "sign in",
	"listen to this", "listen to the", "listen:", "watch:", "watch live", "watch the", "watch now", "video:", "audio:",
	"click here", "tap here", "download the", "get the app", "open in app",
	"photo:", "photos:", "photo by", "photograph:", "photographs:", "image:", "images:", "picture:", "pictures:",
	"illustration:", "graphic:", "video still", "credit:", "credits:", "photo credit", "image credit", "(photo", "[photo",
	"copyright ©", "copyright (c)", "copyright 1", "copyright 2", "©", "(c) ", "all rights reserved",
	"reporting by", "additional reporting by", "writing by", "editing by", "compiled by", "our standards:",
	"updated:", "published:", "last updated", "published on", "updated on", "posted on", "posted:", "first published",
	"source: al jazeera", "source: news agencies", "sources: news agencies", "contact us", "got a tip", "have a tip", "have a news tip", "send us", "send your",
	"tell us", "editor's note:", "editor's picks", "note from the", "this article was", "this story was",
	"this is a developing story", "this story is developing", "this is a breaking news", "this story has been updated",
	"terms of use", "terms and conditions", "privacy policy", "privacy notice", "cookie policy",
	"skip to", "jump to", "you may also like", "you might also like", "recommended for you",
	"most read", "most popular", "most viewed", "trending", "top stories", "don't miss", "do not miss",
	"explore more on", "reuse this content", "topics:", "tags:", "filed under", "categories:",
	"support the", "support our", "support us", "donate", "become a member", "become a supporter", "become a patron",
	"thank you for reading", "thanks for reading",
}

// shortContains mark a short line anywhere in it.
//
//	Get Meduza's newsletter: the real Russia, in your inbox
//	The AP is solely responsible for all content.
//	This article was produced with support from the Pulitzer Center.
var shortContains = []string{
	"read more:", "read also:", "related:", "(advertisement)", "click here", "follow us on", "follow us at",
	"on google news", "join our telegram", "join our whatsapp", "our telegram channel", "our whatsapp channel",
	"subscribe to our", "subscribe to the newsletter", "sign up for our", "sign up to our", "sign up to receive",
	"sign up for the", "sign up to first", "sign up here", "all rights reserved", "solely responsible for all content",
	"remind me later",
}

// creditContains mark a short line as a photo, video or graphic credit.
//
//	Photograph: Anatolii Stepanov/AFP/Getty Images
//	Ukrainian soldiers near Bakhmut. (Photo by Genya Savilov / AFP)
//	Rescuers at the site. Reuters/Alina Smutko
var creditContains = []string{
	"getty images", "via getty", "afp via", "ap photo", "(photo", "[photo", "photo:", "photograph:", "photo by",
	"photo credit", "image credit", "/ reuters", "/reuters", "reuters/", "/ afp", "/afp", "afp/", "/ ap)", "/ap)",
	"epa-efe", "/ epa", "/epa", "shutterstock", "anadolu agency via", "anadolu via", "sopa images", "nurphoto",
	"(courtesy", "| credit", "image source", "photo source",
}

// anywhere mark furniture at any length: fixed boilerplate paragraphs.
//
//	Our Standards: The Thomson Reuters Trust Principles.
//	The Associated Press receives support from … The AP is solely responsible for all content.
var anywhere = []string{
	"thomson reuters trust principles", "solely responsible for all content", "we use cookies",
	"this website uses cookies", "this site uses cookies", "privacy notice: newsletters may contain",
	"please enable javascript", "your browser does not support", "ad blocker", "adblocker",
}

// appealOpeners start an appeal block when a short line (at most
// openerLine bytes, no digits) begins with one of them.
//
//	A Message from The Moscow Times:
//	Dear readers,
//	Support independent journalism
//	Before you go…
//	Meduza needs your help
var appealOpeners = []string{
	"a message from", "a note from", "a word from", "dear reader", "dear readers", "dear friend", "dear friends", "dear subscriber",
	"dear subscribers", "dear visitor", "dear visitors", "dear supporters", "dear listeners", "dear viewers",
	"support independent", "support quality", "support free", "support our", "support us", "support the ",
	"support meduza", "support kyiv", "help us", "help keep", "donate", "make a donation", "become a member",
	"become a supporter", "become a patron", "join our community", "join us in", "before you go", "before you leave",
	"one more thing", "we have a favour", "we have a favor", "we have a small", "we need your", "we need you",
	"independent journalism", "our journalism", "can you chip in", "chip in", "you've read", "you have read",
	"thank you for reading", "thanks for reading", "keep journalism free", "stand with us", "stand with independent",
}

// openerLine: appeal openers are headings, not sentences.
const openerLine = 60

// appealMarkers are phrases that only appeals use; at any length, a line
// holding one that also speaks to the reader or for the newsroom (we, our,
// you) and reports no one ("said", "told") is dropped and opens an appeal block,
// and the lines before it that were the start of the same appeal go too
// (sweepBack).
//
//	If you can, please support us monthly starting from just $2.
//	By supporting The Moscow Times, you're defending open, independent journalism …
//	… we have a small favour to ask.
//	Consider supporting the Kyiv Independent.
var appealMarkers = []string{
	"please support us", "support us monthly", "support us today", "support us with", "support us by",
	"consider supporting", "consider a donation", "consider donating", "consider becoming a", "donate now",
	"donate today", "donate to us", "donate to support", "every contribution",
	"your support, no matter", "your support makes", "your support helps", "your support is", "support, no matter how",
	"no matter how small", "can you chip in", "starting from just", "starting at just", "a month to support",
	"become a supporter", "become a patron", "join our community of", "small favour to ask", "small favor to ask",
	"we need your help", "we need your support", "needs your help", "needs your support", "need your help to",
	"thank you for standing with us", "thank you for your support", "thank you for supporting",
	"thanks for your support", "support independent journalism", "support our journalism",
	"support our work", "support our reporting", "fund our journalism", "funded by readers", "reader-funded",
	"reader-supported", "reader supported", "you've read",
}

// appealVocab: words an appeal keeps using once it has started; a line
// inside an appeal block with one of these (or a pronoun) is still appeal.
var appealVocab = []string{
	"support", "donat", "contribut", "journalis", "subscri", "reader", "independent", "member", "fund", "thank",
	"newsroom", "reporters", "editorial", "paywall", "free for everyone", "free to read", "sustain",
}

// subscriptionWall mark a medium line as a paywall or log-in box.
//
//	Already a subscriber? Log in
//	Subscribe to continue reading.
//
// "More than 1,000 people have subscribed to the protest" stays: no
// subscribe-to with our/now/continue.
var subscriptionWall = []string{
	"already a subscriber", "already subscribed", "already have an account", "become a subscriber",
	"subscribe to continue", "subscribe to read", "subscribe to our", "subscribe now", "subscribe today", "subscribe for ",
	"to continue reading", "to keep reading", "create a free account", "create an account", "register for free",
	"subscribers only", "for subscribers", "log in to continue", "sign in to continue", "sign up here",
}

// newsletterContext: with "newsletter" in a medium line, a sign-up box.
//
//	Sign up for our daily newsletter
//	Privacy Notice: Newsletters may contain info about charities …
var newsletterContext = []string{
	"sign up", "subscribe", "inbox", "your email", "enter your", "delivered to", "get our", "our newsletter",
	"free newsletter", "newsletter sign", "privacy notice", "privacy policy", "newsletter promotion",
}

// inboxPhrases mark a medium line as a sign-up box on their own.
//
//	Get the best of Meduza in your inbox
var inboxPhrases = []string{"in your inbox", "to your inbox", "enter your email", "your email address", "e-mail address", "valid email address", "thanks for signing up", "thank you for signing up"}

// cookieContext: with "cookie" in a medium line, a cookie notice.
var cookieContext = []string{"we use", "this site uses", "this website uses", "accept", "consent", "policy", "settings", "preferences"}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
