"""Every ranking number, with the reason or measurement behind it.

Relevance is measured by ``benchmarks/relevance.py`` (judged queries; see BENCHMARKS.md): change
a value here, re-run it, and keep the change only if the held-out figures say so.
"""
from __future__ import annotations

# -- BM25F (search/postings.py) ------------------------------------------------------------
# Robertson's usual values; not tuned on the judged set yet (the 50-query set could not tell).
K1 = 1.2
B = 0.75
# Field weights: a match in the title says more than one in the body; the lead (summary and first
# paragraph, also in the body) says what the article is about; photo captions describe the event
# (who met whom) more often than body prose does. IDF is shared across fields (the body's), so a
# title match cannot outweigh a relevant body by rarity alone.
FIELD_BOOSTS = {"title": 2.0, "lead": 0.5, "captions": 1.3, "body": 1.0}

# -- Vietnamese alternatives (search/scoring.py) -------------------------------------------
# When the user typed accents, the exact spelling ranks first: "bão" must not be drowned by
# "báo", "bảo", "bao" (field notes; mapbox/carmen#611).
EXACT_BOOST = 2.0
# A folded match of an accented word (the same syllables, segmented differently) ranks low.
FOLDED_BOOST = 0.3
# A word's syllables found apart (the recall net) rank far below the word itself; they score
# only where the word is not matched as a word (scoring._Scorer.word).
SCATTERED_BOOST = 0.15
# Neighbouring query words that stand side by side in the text (a folded pair term), in either
# order: people type names both ways ("Abe Shinzo" / "Shinzo Abe"); phrases ask for an order.
PROXIMITY_BOOST = 1.5
# A person's name (two capitalised words no dictionary holds: "Macron Emmanuel") earns it in the
# better order only, and at most this share of the rarer word's own score: standing together the
# words say it is that person, but the full name written out at every turn is how short items
# name a man in passing (scoring._given_and_family_name). On the judged set person_order 0.872 ->
# 0.897, variant 0.798 -> 0.802, name 0.897 -> 0.901 (Tập Cận Bình), no other kind moves. Each
# fold choosing on the other four among {0.1, 0.25, 0.5, 0.75, 1, 2, no cap} takes 0.1 three
# times and 0.25 twice (held-out 0.8665 against 0.8657 uncapped); no bonus at all (0) scores the
# same but loses "Abe Shinzo" to articles on an Abe and a Shinzo (0.80 -> 0.74).
NAME_TOGETHER_SHARE = 0.25
# In a short unquoted query (fewer than SOFT_UNITS content words), a common word before a name
# ("Thủ tướng Nhật Bản": a head noun and the name that qualifies it) earns it in the order typed
# only: the other order is another sentence ("... Nhật Bản. Thủ tướng Nguyễn Xuân Phúc ...");
# no new constant (scoring._heads_phrase). On the judged set only "Thủ tướng Nhật Bản" moves
# (nDCG@10 0.250 -> 0.303). Giving the order typed the weight of both (3.0) lifts it to 0.567
# (variant 0.793 -> 0.822) but moves an unjudged article on the US Air Force above a relevant one
# for "hải quân mĩ" in the older 50-query set (0.934 -> 0.933): not taken.
# A one-syllable word found only inside a longer place name ("Nam" in "Việt Nam", "Hà" in
# "Hà Nội"), a common word ("Pháp" in "pháp luật", "Ý" in "ý kiến") or a person's full name
# ("Đức" in "Nguyễn Đức Chung") is a loose match, scored at this share.
INSIDE_NAME_BOOST = 0.2
# Of the common words and people's names that hold such a word, the most frequent this many are
# looked up (each is a posting list to read: "Minh" is part of 450 names in a third of the
# archive); on the judged set 20, 40 and all of them give the same nDCG@10 on every fold.
MAX_INSIDE_WORDS = 20
# A one-syllable word typed with a capital ("Anh", "Đức") is checked for how the writer wrote it
# (a name of its own, or the pronoun "anh", the virtue "đức", the "Anh" of "Tuấn Anh": the
# index is lower-cased) in the stored text of this many of its best articles (about 0.1 ms
# each); an article where at least PROPER_SHARE_ENOUGH of its occurrences stand as a name of
# their own keeps its whole score, one with none keeps INSIDE_NAME_BOOST of it. On the judged
# set (nDCG@10, name_boundary 0.739 -> 0.853, all 0.848 -> 0.855) 20, 30 and 50 checks give the
# same figures and 0.33 to 0.75 the same held-out mean (each fold choosing on the other four); a
# share counted in full (1.0) lost France to football ("U20 Pháp") over politics.
MAX_CASE_CHECKS = 20
PROPER_SHARE_ENOUGH = 0.5
# A place typed run together ("quangninh") is checked the same way for how its name is written:
# inside another name ("Than Quảng Ninh", a football club; "CĐV Hải Phòng", its fans) or as the
# place. An article with no occurrence of its own keeps this share of its score (a festival
# named after the place, "Festival Biển Nha Trang", is still about the place: not as little as
# INSIDE_NAME_BOOST). On the judged set (run_together nDCG@10 0.740 -> 0.813, all 0.855 -> 0.860;
# no other kind moves) 0.7 is chosen on four folds of five; each fold choosing on the other four,
# run_together's held-out mean is 0.798 (0.2: 0.789, 0.9: 0.781, 1.0: no check, 0.740). A place
# joined by a dash to another name ("cao tốc Nội Bài – Lào Cai", a road; "Than Quảng Ninh - SHB
# Đà Nẵng", a match) counts as inside a name too: run_together 0.813 -> 0.826, and every fold
# then chooses 0.7 (held-out run_together 0.788 -> 0.826 on the judgments of round 7).
PLACE_INSIDE_NAME_BOOST = 0.7
# A quoted phrase of three syllables or more is checked in the stored text of at most this many
# candidates (a regex per article); beyond, neighbouring pairs stand for the chain.
MAX_PHRASE_CHECKS = 3000
# A word typed with accents that the segmenter split in some articles is checked in the stored
# text of at most this many of them, those where its folded form scores highest
# (scoring.split_as_typed; each check reads an article, about 0.1 ms): a rescoring window, the
# same however large the archive, as only the best of them can reach a first page. Up to 3,000
# were read (0.5 s of the accented cold query at 348,700 articles), then 150 (the median query at
# 348,700 spent 10-30 ms there). On the judged set a window of 50 gives every kind the same
# nDCG@10 as 150 and 3,000 (one top 10 of 156 reordered among relevant articles); 30 lowers
# natural 0.880 -> 0.877. Those the stored text confirms are strict matches, the others loose:
# the window also bounds how many such articles a total counts.
SPLIT_WORD_CHECKS = 50
# ... and only those the bonus could lift among the word's this many best articles (when more
# score at all): a common word the segmenter mostly got right ("giáo dục") needs few checks or
# none, as its split articles, scored on folded letters, stay far below. At 348,700 articles the
# mix's split-word reads fell from 27 queries (5-29 ms each) to 13. The word's score is not the
# query's: at 100, three top 10s of the 156 judged queries and one of the old 50 changed
# (variant 0.802 -> 0.797); from 200 to 1,000, none.
SPLIT_WORD_REACH = 300
# Another spelling of a name typed in a foreign one ("Úc" for "Australia", "Bắc Kinh" for
# "Beijing") is a phrase, scored with the exact-accent bonus on top of its folded match: up to
# 1 + EXACT_BOOST times what the spelling typed earns for the same occurrences. Scaled back by
# that much, one mention weighs the same in either spelling, and an article that merely mentions
# "Úc" no longer outranks one about "Australia" (nDCG@10 of the judged set 0.842 -> 0.845; chosen
# on the other four folds, 0.2 to 0.5 give the same held-out mean).
ALTERNATIVE_BOOST = 1 / (1 + EXACT_BOOST)
# A quoted phrase (or another spelling of a name typed in a foreign one, "Mát-xcơ-va" for
# "Moscow") found once in the body and neither in the title nor in the lead is named in passing
# (scoring.mentioned_in_passing): of the judged articles of the phrase queries so placed, 26 of
# 43 are graded 0, of those with it in the title or lead 8 of 138. Such an article keeps this
# share of its score. On the judged set phrase 0.884 -> 0.901 ("thủ tướng Nhật Bản" 0.55 ->
# 0.73, "ngoại trưởng Mỹ" 0.88 -> 0.96; "xuất khẩu lao động" 0.62 -> 0.50) and foreign_name
# 0.817 -> 0.831 (Moscow, Vientiane); each fold choosing on the other four among {0.2, 0.3,
# 0.5, 0.7, 1 (none)} takes 0.7 every time (held-out 0.867 -> 0.869). Not for a longer name
# holding the word typed ("Formosa Hà Tĩnh") or a run typed without spaces: they only add.
PASSING_MENTION_SHARE = 0.7
# A function word (của, những) that matches adds a little: it is in most documents anyway.
FUNCTION_WORD_BOOST = 0.1

# -- Tiers (search/scoring.py) -------------------------------------------------------------
# The strict tier alone makes the result set when it holds at least a page of documents.
ENOUGH_STRICT = 10
# Queries of at least MIN_PARTIAL_UNITS content words (a quoted phrase counts one) may match
# partially: a document with at least MIN_COVERAGE of them (2 of 3, 3 of 5). Shorter queries
# ask for every word: "Đại hội XIV" is not answered by "Đại hội" alone.
MIN_PARTIAL_UNITS = 3
MIN_COVERAGE = 0.6
# Questions of at least SOFT_UNITS content words rank by score times coverage^COORDINATION_POWER
# (coverage weighted by each word's IDF), with no tiers: "tình hình" need not match.
SOFT_UNITS = 4
COORDINATION_POWER = 2.0

# -- Snippets (search/snippets.py) ---------------------------------------------------------
SNIPPET_CHARS = 260  # about two lines of a result card
# A passage scores COVERAGE_WEIGHT per query syllable it covers (distinct words), plus one per
# match up to MATCHES_CAP: covering more of the query beats repeating one word.
COVERAGE_WEIGHT = 10
MATCHES_CAP = 10

# -- Did you mean (search/spelling.py) -----------------------------------------------------
SUGGEST_BELOW = 3  # below this many hits, try respelling the query's unknown syllables
LONG_WORD = 6  # syllables this long (folded) may be two edits away; shorter ones one edit
