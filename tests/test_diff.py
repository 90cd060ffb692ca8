import random

from monitor.diff import (
    DIFFLIB_PAIRS,
    diff_texts,
    equal_pairs,
    matching_blocks,
    plain,
    render_unified,
    render_words,
    split_blocks,
    split_sentences,
    word_diff,
)

PARAGRAPH = ("We collect information when you use our services. We use it to show you ads. "
             "We keep it for as long as your account is open. You can ask us to delete it.")


def test_a_one_word_edit_in_a_long_paragraph_is_that_sentence_modified() -> None:
    change = diff_texts(PARAGRAPH, PARAGRAPH.replace("show you ads", "show you relevant ads"))
    modified, = change.sentences
    assert modified.kind == "modified"
    assert modified.old == "We use it to show you ads." and modified.text == "We use it to show you relevant ads."
    assert change.stats == {"added": 0, "removed": 0, "modified": 1, "moved": 0}  # one sentence, counted once


def test_added_and_removed_sentences_are_counted() -> None:
    new = PARAGRAPH.replace("You can ask us to delete it.", "") + "\n\nWe may train models on your posts."
    change = diff_texts(PARAGRAPH, new)
    kinds = sorted((s.kind, s.text) for s in change.sentences)
    assert kinds == [("added", "We may train models on your posts."), ("removed", "You can ask us to delete it.")]


def test_a_moved_sentence_is_not_reported_as_removed_and_added() -> None:
    old = "First paragraph talks about cookies at length.\n\nSecond paragraph talks about ads at length."
    new = "Second paragraph talks about ads at length.\n\nFirst paragraph talks about cookies at length."
    change = diff_texts(old, new)
    assert [s.kind for s in change.sentences] == ["moved"]
    assert not change.sentences[0].substantive


def test_a_link_target_change_is_not_substantive() -> None:
    change = diff_texts("See [our help](https://a.example/help) for more details on this.",
                        "See [our help](https://b.example/help) for more details on this.")
    assert not change.sentences[0].substantive


def test_abbreviations_do_not_split_sentences() -> None:
    assert split_sentences("We work with partners, e.g. advertisers in the U.S. and elsewhere. Then we stop.") == [
        "We work with partners, e.g. advertisers in the U.S. and elsewhere.", "Then we stop."]


def test_renderings() -> None:
    change = diff_texts(PARAGRAPH, PARAGRAPH.replace("ads", "relevant ads"))
    unified = render_unified(change, "v1", "v2")
    assert unified.startswith("--- v1\n+++ v2\n@@") and "+We use it to show you relevant ads." in unified
    assert "{+relevant+} ads" in render_words(change)
    assert ("+", "relevant ") in word_diff("show you ads", "show you relevant ads")
    assert not diff_texts("same text here.", "same text here.").changed


REPEATED = "Learn more about how we use cookies on this page."


def test_an_edit_among_hundreds_of_repeated_paragraphs_is_that_paragraph_modified() -> None:
    old = ["# Help centre", *[REPEATED] * 600]
    new = list(old)
    edited = range(7, 600, 30)
    for index in edited:
        new[index] = REPEATED.replace("cookies", "tracking cookies")
    change = diff_texts("\n\n".join(old), "\n\n".join(new))
    assert [(s.kind, s.old, s.text) for s in change.sentences] == [
        ("modified", REPEATED, new[index]) for index in edited]
    assert change.stats == {"added": 0, "removed": 0, "modified": 20, "moved": 0}  # each sentence counted once
    hunk_starts = [hunk.new_start for hunk in change.hunks]
    assert hunk_starts == [index for index in edited]  # one hunk per edit, one sentence of context before it


def test_texts_too_different_to_match_in_budget_count_as_replaced_whole() -> None:
    rng = random.Random(7)
    paragraphs = ["Learn more.", "Contact us.", "Read the FAQ."]
    old = [rng.choice(paragraphs) for _ in range(5000)]
    new = [rng.choice(paragraphs) for _ in range(5000)]
    assert equal_pairs(old, new) > DIFFLIB_PAIRS
    blocks = matching_blocks(old, new)
    assert blocks[-1] == (5000, 5000, 0)
    assert all(old[i:i + size] == new[j:j + size] for i, j, size in blocks)
    change = diff_texts("\n\n".join(old), "\n\n".join(new))
    assert change.changed and {s.kind for s in change.sentences} <= {"added", "removed", "moved"}


def test_a_heading_line_is_its_own_block_even_without_a_blank_line_after_it() -> None:
    old = "## How we use AI\nWe use your posts to improve our services.\n"
    new = "## How we use AI\nWe use your posts to train our AI models.\n"
    assert split_blocks(new) == ["## How we use AI", "We use your posts to train our AI models."]
    [changed] = [s for s in diff_texts(old, new).sentences if s.kind != "unchanged"]
    assert changed.text == "We use your posts to train our AI models."


def test_setext_headings_are_headings_of_their_level() -> None:
    text = "Privacy Policy\n==============\nHow we use AI\n-------------\nWe train models.\n\n---\nThe end.\n"
    assert split_blocks(text) == ["# Privacy Policy", "## How we use AI", "We train models.", "---\nThe end."]


def test_a_paragraph_splits_the_same_however_often_it_is_asked() -> None:
    first = split_sentences("We use your posts. We train our AI models on them.")
    first.append("changed by a caller")
    assert split_sentences("We use your posts. We train our AI models on them.") == [
        "We use your posts.", "We train our AI models on them."]


def test_lettered_list_items_are_blocks_of_their_own() -> None:
    text = "We may use your data to:\na. provide the service;\nb. train our AI models.\n"
    assert split_blocks(text) == ["We may use your data to:", "a. provide the service;", "b. train our AI models."]


def test_each_row_of_a_table_is_a_block_read_whole_and_the_header_keeps_its_rule() -> None:
    text = ("Uses of your data:\n| Purpose | Data |\n| --- | --- |\n"
            "| Train our models. See our notice. | Feedback. Chats. |\n| Security | Logs |\n\nThe end.")
    assert split_blocks(text) == ["Uses of your data:", "| Purpose | Data |\n| --- | --- |",
                                  "| Train our models. See our notice. | Feedback. Chats. |", "| Security | Logs |",
                                  "The end."]
    assert split_sentences("| Train our models. See our notice. | Feedback. Chats. |") == [
        "| Train our models. See our notice. | Feedback. Chats. |"]  # a row is one record, not cut at its full stops
    change = diff_texts(text, text.replace("| Logs |", "| Logs, IP address |"))
    assert [(s.kind, s.old, s.text) for s in change.sentences] == [
        ("modified", "| Security | Logs |", "| Security | Logs, IP address |")]


def test_each_item_of_a_list_in_a_quoted_box_is_a_block() -> None:
    assert split_blocks("> **Key points**\n> - We train AI on posts.\n> - You can object.") == [
        "> **Key points**", "> - We train AI on posts.", "> - You can object."]


def test_html_entities_read_as_the_characters_they_stand_for() -> None:
    assert plain("We won&rsquo;t share your prompts &amp; chats.") == "We won’t share your prompts & chats."
