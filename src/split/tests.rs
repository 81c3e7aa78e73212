//! The splitter as a whole, on small texts.

use super::*;

/// One body region (a function, as clippy reads `&[a..b]` as a typo).
fn region(r: Range<usize>) -> [Range<usize>; 1] {
    [r]
}

/// Splits the whole text as one body region.
fn sents(text: &str) -> Vec<&str> {
    split(text, &region(0..text.len())).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn plain_sentences() {
    assert_eq!(sents("One two. Three four? Five six! Seven."), ["One two.", "Three four?", "Five six!", "Seven."]);
}

#[test]
fn empty_and_whitespace_only() {
    assert!(sents("").is_empty());
    assert!(sents("   \n\n \t \u{a0}\r\n").is_empty());
    assert!(split("abc", &[]).is_empty());
    assert!(split("abc", &region(2..2)).is_empty());
}

#[test]
fn lone_punctuation_is_no_sentence() {
    assert!(sents(".").is_empty());
    assert!(sents("... ! ? …").is_empty());
    assert!(sents("* * *\n\n---").is_empty());
    assert_eq!(sents("… and then it ended."), ["… and then it ended."]);
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        sents("Troops came on Nov. 10 and left. Mr. Putin met Gen. Lt. Smith. Dr. Jones agreed."),
        ["Troops came on Nov. 10 and left.", "Mr. Putin met Gen. Lt. Smith.", "Dr. Jones agreed."]
    );
    assert_eq!(
        sents("Some states, e.g. Armenia, i.e. the ally, vs. Turkey. It is No. 5 on the list."),
        ["Some states, e.g. Armenia, i.e. the ally, vs. Turkey.", "It is No. 5 on the list."]
    );
    assert_eq!(sents("He lives on St. Mark Street."), ["He lives on St. Mark Street."]);
}

#[test]
fn month_and_number_abbreviations_end_sentences_before_words() {
    assert_eq!(sents("The answer was No. Then it changed."), ["The answer was No.", "Then it changed."]);
    assert_eq!(sents("It happened in Jan. The war went on."), ["It happened in Jan.", "The war went on."]);
}

#[test]
fn initialisms_and_company_suffixes() {
    assert_eq!(
        sents("The U.S. and the EU watched. Apple Inc. CEO Tim Cook spoke. ©2020 Bloomberg L.P. and its owners."),
        ["The U.S. and the EU watched.", "Apple Inc. CEO Tim Cook spoke.", "©2020 Bloomberg L.P. and its owners."]
    );
    assert_eq!(
        sents("U.S. President Biden met the U.K. Prime Minister."),
        ["U.S. President Biden met the U.K. Prime Minister."]
    );
    assert_eq!(sents("Aid came from the U.S. The EU sent less."), ["Aid came from the U.S.", "The EU sent less."]);
    assert_eq!(
        sents("He holds a Ph.D. in philosophy. It took years."),
        ["He holds a Ph.D. in philosophy.", "It took years."]
    );
    assert_eq!(sents("Tanks, guns, etc. They all came."), ["Tanks, guns, etc.", "They all came."]);
}

#[test]
fn initials_do_not_end_sentences() {
    assert_eq!(
        sents("J. R. R. Tolkien wrote it. George W. Bush read it. J.R.R. Tolkien smiled."),
        ["J. R. R. Tolkien wrote it.", "George W. Bush read it.", "J.R.R. Tolkien smiled."]
    );
    assert_eq!(sents("They had no Plan B. The war came."), ["They had no Plan B.", "The war came."]);
}

#[test]
fn decimals_urls_and_emails_do_not_split() {
    assert_eq!(
        sents("Growth was 3.5 percent, see www.example.com/a.html or mail a.b@c.org now. Next one."),
        ["Growth was 3.5 percent, see www.example.com/a.html or mail a.b@c.org now.", "Next one."]
    );
    assert_eq!(
        sents("Read https://x.ru/news?id=5!x today. Done."),
        ["Read https://x.ru/news?id=5!x today.", "Done."]
    );
}

#[test]
fn sentences_may_start_with_digits() {
    assert_eq!(sents("It ended in 2018. 2019 was calm."), ["It ended in 2018.", "2019 was calm."]);
}

#[test]
fn ellipses() {
    assert_eq!(
        sents("For cooperation … it is necessary. The consequences … Likewise, he left... Then what?"),
        ["For cooperation … it is necessary.", "The consequences …", "Likewise, he left...", "Then what?"]
    );
    assert_eq!(sents("Don’t miss a story…"), ["Don’t miss a story…"]);
}

#[test]
fn quotes_with_several_sentences() {
    let text = "He said:“No military solution exists. I said no, and I was right. I was!” Then he left.";
    assert_eq!(
        sents(text),
        ["He said:“No military solution exists.", "I said no, and I was right.", "I was!”", "Then he left."]
    );
    assert_eq!(
        sents("“Burn in hell,” she wrote on Nov. 10. “That’s the mood.” “Why?” he asked. \"Done.\" Yes."),
        ["“Burn in hell,” she wrote on Nov. 10.", "“That’s the mood.”", "“Why?” he asked.", "\"Done.\"", "Yes."]
    );
}

#[test]
fn colon_does_not_split() {
    assert_eq!(
        sents("He tried: The troops saved them. Putin said: “We won.”"),
        ["He tried: The troops saved them.", "Putin said: “We won.”"]
    );
}

#[test]
fn parentheses() {
    assert_eq!(
        sents("Each is 2 million strong (Putin has said so). (To be clear, it failed. Which leaders failed is unclear.) Next."),
        ["Each is 2 million strong (Putin has said so).", "(To be clear, it failed.", "Which leaders failed is unclear.)", "Next."]
    );
    assert_eq!(sents("Riots (“It’s over,” he wrote) broke out."), ["Riots (“It’s over,” he wrote) broke out."]);
}

#[test]
fn footnote_superscripts_stay_with_their_sentence() {
    assert_eq!(
        sents("It had support.¹ Turkey's patronage came.²³ Done.⁴"),
        ["It had support.¹", "Turkey's patronage came.²³", "Done.⁴"]
    );
}

#[test]
fn headings_and_lines_without_end_punctuation_are_units() {
    let text = "# Putin Wins Upset Victory\n\nA Face-Saving Truce\n\nThe deal held. It was signed.\n\n### **Can it last?**\n\nMaybe not.";
    assert_eq!(
        sents(text),
        [
            "Putin Wins Upset Victory",
            "A Face-Saving Truce",
            "The deal held.",
            "It was signed.",
            "Can it last?",
            "Maybe not."
        ]
    );
    assert_eq!(
        sents("Print this page\nTuesday, 10 November 2020\nBody text."),
        ["Print this page", "Tuesday, 10 November 2020", "Body text."]
    );
}

#[test]
fn list_markers_are_trimmed() {
    let text = "- (1) The Kremlin won.\n- (2) Turkey lost. It was clear.\n• Bullet item\n1. First point.\n2) Second point.\n* Star item.";
    assert_eq!(
        sents(text),
        [
            "The Kremlin won.",
            "Turkey lost.",
            "It was clear.",
            "Bullet item",
            "First point.",
            "Second point.",
            "Star item."
        ]
    );
}

#[test]
fn inline_section_labels_are_units() {
    let text = "BACKGROUND: Russia has bases. It sells arms.\n\nKey Takeaway: Putin won.\n\nIMPLICATIONS:\n\nMoscow waited.";
    assert_eq!(
        sents(text),
        [
            "BACKGROUND:",
            "Russia has bases.",
            "It sells arms.",
            "Key Takeaway:",
            "Putin won.",
            "IMPLICATIONS:",
            "Moscow waited."
        ]
    );
    // A colon later in the line, or a lowercase word before it, is no
    // label, and neither is the colon of a headline.
    assert_eq!(
        sents("Putin said: yes.\n\nThe Kremlin produced results: Putin won."),
        ["Putin said: yes.", "The Kremlin produced results: Putin won."]
    );
    assert_eq!(
        sents("Karabakh: The View From Moscow\n\nNOTE: the text follows."),
        ["Karabakh: The View From Moscow", "NOTE: the text follows."]
    );
}

#[test]
fn sentences_broken_across_blank_lines_are_joined() {
    let text = "It has been to keep formerly Soviet\n\nneighbors anchored. It ensured that Turkey and\n\nAzerbaijan would trade. Power declines vis-à-vis alternative\n\n\n\n“guarantors of security” nearby.";
    assert_eq!(
        sents(text),
        [
            "It has been to keep formerly Soviet\n\nneighbors anchored.",
            "It ensured that Turkey and\n\nAzerbaijan would trade.",
            "Power declines vis-à-vis alternative\n\n\n\n“guarantors of security” nearby."
        ]
    );
}

#[test]
fn paragraph_end_always_ends_a_sentence() {
    assert_eq!(
        sents("Aid came from the U.S.\n\nThe EU sent less."),
        ["Aid came from the U.S.", "The EU sent less."]
    );
    assert_eq!(sents("It ended.\n\nand then"), ["It ended.", "and then"]);
}

#[test]
fn single_line_breaks_inside_a_paragraph() {
    assert_eq!(sents("He met Mr.\nPutin there. It\nwent well."), ["He met Mr.\nPutin there.", "It\nwent well."]);
}

#[test]
fn crlf_line_endings() {
    let text = "Title Line\r\n\r\nFirst one. Second one.\r\nThird one.\r\n";
    assert_eq!(sents(text), ["Title Line", "First one.", "Second one.", "Third one."]);
}

#[test]
fn non_ascii_text() {
    assert_eq!(
        sents("Президент Путин подписал указ. Это важно! Ł. Wałęsa się zgodził. 戦争が終わった。平和が来た。"),
        [
            "Президент Путин подписал указ.",
            "Это важно!",
            "Ł. Wałęsa się zgodził.",
            "戦争が終わった。",
            "平和が来た。"
        ]
    );
    assert_eq!(sents("Erdoğan’s café — 5€. Next."), ["Erdoğan’s café — 5€.", "Next."]);
}

#[test]
fn regions_are_split_separately() {
    let text = "Head line\n\nJunk here\n\nBody one. Body two";
    let body = [0..9, 22..text.len()];
    let got: Vec<&str> = split(text, &body).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["Head line", "Body one.", "Body two"]);
}

#[test]
fn bad_ranges_do_not_panic() {
    let text = "Ré. Ab.";
    assert!(split(text, &region(2..3)).is_empty());
    assert_eq!(split(text, &region(0..1000)), [0..4, 5..8]);
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = region(6..3);
    assert!(split(text, &reversed).is_empty());
}

#[test]
fn ranges_lie_on_char_boundaries_for_odd_input() {
    let inputs = [
        "\u{0}\u{1}. \u{7f}! ¹²³. ”” )) .. ?! ‘’ \u{feff}…",
        "«Привет.» — «Пока!» 。。！？",
        "(1)\n-\n#\n**\n__x__\n1.\n> \n•",
        "a.b.c.d. e.f. G. H. I.",
    ];
    for text in inputs {
        for r in split(text, &region(0..text.len())) {
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.start < r.end,
                "{text:?} {r:?}"
            );
        }
    }
}

#[test]
fn huge_single_line() {
    let text = "word ".repeat(200_000) + "end. Another.";
    let got = split(&text, &region(0..text.len()));
    assert_eq!(got.len(), 2);
    assert_eq!(&text[got[1].clone()], "Another.");
}

#[test]
fn emphasis_wrapping_a_line_is_trimmed() {
    assert_eq!(
        sents("*The views are my own.*\n\n**Bold Heading**\nNext line."),
        ["The views are my own.", "Bold Heading", "Next line."]
    );
}
