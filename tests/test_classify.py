"""The AI-clause detector, used the way the rest of the package uses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from monitor import classify, concepts
from monitor.classify import (
    RELEVANT,
    SEVERITY_ORDER,
    Assessment,
    assess,
    assess_texts,
    classify_sentence,
    normalise_wording,
    read_in_place,
    read_sentence,
)
from monitor.concepts import MAX_NAMES, USER_DATA, ai_names_in
from monitor.diff import diff_texts
from monitor.findings import finding_from_dict, severity_of
from monitor.reading import say

POLICY = (
    "# Privacy Policy\n\n"
    "We collect information you provide when you create an account. We use it to provide and secure the Services.\n\n"
    "We share information with service providers who process it on our behalf. "
    "You can change your ad preferences in Settings at any time.\n\n"
    "We keep information for as long as your account is open."
)

X_2024_LICENCE = (
    "You agree that this license includes the right for us to (i) analyze text and other information you provide "
    "and to otherwise provide, promote, and improve the Services, including, for example, for use with and training "
    "of our machine learning and artificial intelligence models, whether generative or another type."
)
PROTECTION = "We do not use the content of your private messages with friends and family to train our AIs."
OPT_OUT = ("In some markets, your conversation data can help train our AI models unless you opt out in "
           "Settings.")
LINKEDIN_SETTING = ("You can turn off the Data for Generative AI Improvement setting to stop LinkedIn from using your "
                    "data to train content-creation AI models.")
MY_SELFIE = ("Your My Selfie, AI-generated images of you, may be used in Sponsored Content and ads featuring you, "
             "which may be seen by others.")


def with_paragraph(text: str, paragraph: str) -> str:
    return text + "\n\n" + paragraph


def changes_ai(old: str, new: str) -> bool:
    """Whether a policy whose last paragraph goes from ``old`` to ``new`` changes in AI substance."""
    return assess_texts(with_paragraph(POLICY, old), with_paragraph(POLICY, new))[1].ai_relevant


def category(sentence: str) -> str | None:
    return classify_sentence(sentence)[0]


# -- sentences ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Learn more about how we train our staff to protect your data.",
    "We provide privacy training to employees who handle personal data.",
    "Our business model depends on advertising.",
    "We collect your device model, operating system and browser type.",
    "Data is exported in a machine-readable format.",
    "We may email you to maintain your account and explain our terms.",
    "[Learn more](https://example.com/help) about your choices.",
    "You can opt out of personalized ads in your settings.",
    "We share information with partners to measure how ads perform.",
    "We use algorithms to rank the posts in your feed.",
])
def test_hard_negatives_are_not_ai_clauses(sentence: str) -> None:
    assert category(sentence) is None


@pytest.mark.parametrize(("sentence", "expected"), [
    ("We use publicly available information to help train Google's AI models and build products like Bard.",
     "ai_training"),
    ("We may use your data to develop, train, and fine-tune our AI models, including large language models.",
     "ai_training"),
    ("We'll start using your interactions with Meta AI to personalize the ads you see.", "ai_training"),
    ("We may share information with our AI partners to help them develop and improve their models.",
     "ai_data_sharing"),
    ("Your prompts are shared with our third-party AI model providers to generate responses.", "ai_data_sharing"),
    ("You can object to our use of your information for developing and improving AI at Meta.", "ai_opt_out"),
    ("You can delete your My AI chat history from Settings at any time.", "ai_opt_out"),
    ("Content created with AI may be labeled as 'AI info'.", "ai_features"),
    ("We use machine learning to detect and remove spam.", "ai_features"),
    ("You may not use the Services to train any artificial intelligence model without our consent.", "ai_features"),
])
def test_policy_language_is_understood(sentence: str, expected: str) -> None:
    assert category(sentence) == expected


def test_the_x_2024_licence_is_ai_training_and_says_why() -> None:
    found, score, matched = classify_sentence(X_2024_LICENCE)
    assert found == "ai_training"
    assert score >= 0.7
    assert "artificial intelligence" in matched and "training" in matched


def test_a_linkedin_style_setting_is_an_opt_out() -> None:
    assert category(LINKEDIN_SETTING) == "ai_opt_out"


def test_a_my_selfie_style_clause_is_about_likeness() -> None:
    assert category(MY_SELFIE) == "ai_likeness"


def test_ai_inside_other_words_is_not_ai() -> None:
    assert category("Please email our team to maintain accurate details for your claim.") is None
    assert category("Please email our AI team to check the details.") == "ai_features"


def test_a_prohibition_on_others_is_not_a_protection_but_a_limit_on_our_own_use_is() -> None:
    assert category("Developers must not use data obtained through the API to train a large language model.") \
        == "ai_features"
    assert category(PROTECTION) == "ai_training"


# -- changes ----------------------------------------------------------------------------------------------------

def test_an_x_style_licence_clause_added_is_high_ai_training() -> None:
    _, assessment = assess_texts(POLICY, with_paragraph(POLICY, X_2024_LICENCE))
    assert assessment.ai_relevant
    assert assessment.severity == "high"
    assert assessment.summary == "AI-training clause added"
    finding, = assessment.findings
    assert (finding.category, finding.change, finding.protection) == ("ai_training", "added", False)
    assert finding.to_dict()["matched"]


def test_a_removed_protection_is_high() -> None:
    _, assessment = assess_texts(with_paragraph(POLICY, PROTECTION), POLICY)
    finding, = assessment.findings
    assert finding.protection and finding.change == "removed"
    assert assessment.severity == "high"
    assert assessment.summary == "AI-use limit removed"
    assert finding.to_dict()["protection"] is True


def test_a_protection_said_as_none_of_the_data_is_a_limit_and_its_removal_is_high() -> None:
    promise = "None of your sketches will ever be used to train our AI models, by us or by any third party."
    reading = read_sentence(promise)
    assert (reading.category, reading.protection, reading.structure.modality) == ("ai_training", True, "does_not")
    _, assessment = assess_texts(with_paragraph(POLICY, promise), POLICY)
    assert assessment.summary == "AI-use limit removed" and assessment.severity == "high"


def test_an_added_protection_is_reported_but_low() -> None:
    _, assessment = assess_texts(POLICY, with_paragraph(POLICY, PROTECTION))
    assert assessment.ai_relevant
    assert assessment.severity == "low"
    assert assessment.findings[0].protection


def test_a_protection_turned_into_a_use_is_high() -> None:
    old = with_paragraph(POLICY, PROTECTION)
    new = with_paragraph(POLICY, PROTECTION.replace("We do not use", "We may use"))
    _, assessment = assess_texts(old, new)
    finding, = assessment.findings
    assert finding.change == "modified" and finding.old_text == PROTECTION and not finding.protection
    assert assessment.severity == "high"


def test_a_removed_opt_out_is_high() -> None:
    _, assessment = assess_texts(with_paragraph(POLICY, OPT_OUT), POLICY)
    assert [f.category for f in assessment.findings] == ["ai_opt_out"]
    assert assessment.severity == "high"
    assert assessment.summary == "AI opt-out removed"


def test_an_opt_out_cut_from_a_training_sentence_is_high() -> None:
    old = with_paragraph(POLICY, OPT_OUT)
    new = with_paragraph(POLICY, OPT_OUT.replace(" unless you opt out in Settings", ""))
    _, assessment = assess_texts(old, new)
    assert assessment.severity == "high"
    assert assessment.summary == "AI opt-out removed"


def test_an_added_opt_out_is_medium() -> None:
    _, assessment = assess_texts(POLICY, with_paragraph(POLICY, LINKEDIN_SETTING))
    assert assessment.severity == "medium"
    assert assessment.ai_relevant


def test_training_widened_is_high_a_new_modality_medium_and_the_same_meaning_reworded_nothing() -> None:
    clause = "We use your public posts to train our AI models."
    base = with_paragraph(POLICY, clause)
    _, widened = assess_texts(base, with_paragraph(POLICY, "We use your public posts and private messages to train "
                                                          "our AI models."))
    _, firmer = assess_texts(with_paragraph(POLICY, "We may use your public posts to train our AI models."),
                             with_paragraph(POLICY, "We will use your public posts to train our AI models."))
    _, same = assess_texts(base, with_paragraph(POLICY, "We use your public posts to train our own AI models."))
    assert (widened.severity, widened.summary) == ("high",
                                                   "AI-training clause widened; now also covers: private messages")
    assert firmer.severity == "medium" and firmer.ai_relevant
    assert not same.ai_relevant  # who does what with whose data reads the same


def test_a_link_target_only_change_is_not_ai_relevant() -> None:
    old = with_paragraph(POLICY, "We use your posts to train our AI models. [Learn more](https://example.com/ai?v=1).")
    new = with_paragraph(POLICY, "We use your posts to train our AI models. [Learn more](https://example.com/ai?v=2).")
    change, assessment = assess_texts(old, new)
    assert change.changed
    assert not assessment.ai_relevant
    assert assessment.severity == "none"
    assert assessment.summary == "text changed"


def test_an_edit_elsewhere_in_a_sentence_with_an_ai_clause_is_not_ai_relevant() -> None:
    clause = "We use your posts to train our AI models; we keep your email address for {} days."
    old, new = with_paragraph(POLICY, clause.format(30)), with_paragraph(POLICY, clause.format(60))
    change, assessment = assess_texts(old, new)
    assert [s.kind for s in change.sentences] == ["modified"]
    assert not assessment.ai_relevant


def test_an_en_gb_to_en_us_respelling_is_not_ai_relevant() -> None:
    old = with_paragraph(POLICY, "We use interactions with AIs to personalise experiences and ads, and to analyse "
                                 "behaviour that you share.")
    new = with_paragraph(POLICY, "We use interactions with AIs to personalize experiences and ads, and to analyze "
                                 "behavior you share.")
    change, assessment = assess_texts(old, new)
    assert change.changed and not assessment.ai_relevant


def test_a_moved_ai_clause_is_not_ai_relevant() -> None:
    old = with_paragraph(X_2024_LICENCE, POLICY)
    new = with_paragraph(POLICY, X_2024_LICENCE)
    assert not assess_texts(old, new)[1].ai_relevant


def test_a_clause_re_flowed_into_another_paragraph_is_not_ai_relevant() -> None:
    old = with_paragraph(POLICY, "Some intro text about our services.\n\n" + X_2024_LICENCE)
    new = with_paragraph(POLICY, "Some intro text about our services. " + X_2024_LICENCE)
    _, assessment = assess_texts(old, new)
    assert not assessment.ai_relevant


def test_two_numbered_ai_paragraphs_merged_into_one_are_not_ai_relevant() -> None:
    use = "(viii) We may use the content you post to train and improve our artificial intelligence models."
    choice = "(ix) You can object to this use in Settings > Privacy > AI data."
    old = with_paragraph(POLICY, f"{use}\n\n{choice}")
    new = with_paragraph(POLICY, f"{use} {choice}")
    assert not assess_texts(old, new)[1].ai_relevant
    assert assess_texts(old, with_paragraph(POLICY, use))[1].ai_relevant  # the choice gone is substance
    # merged with a semicolon and renumbered ("2.1" -> "3.1") among other edits
    use = "We use prompts and generations to train and improve our generative models for everyone who uses them."
    choice = "You can opt out of this training use at any time in Settings under Privacy and data."
    merged = f"3.1 {use.rstrip('.')}; {choice[0].lower()}{choice[1:]}"
    assert not assess_texts(with_paragraph(POLICY, f"Updated 1 May.\n\n2.1 {use}\n\n{choice}"),
                            with_paragraph(POLICY, f"Updated 1 June.\n\n{merged}"))[1].ai_relevant


def test_a_list_turned_into_prose_or_a_sentence_split_in_two_is_not_ai_relevant() -> None:
    listed = "We use your information to:\n\n* provide the Service;\n* train our AI models;\n* keep us safe."
    prose = "We use your information to provide the Service, to train our AI models and to keep us safe."
    assert not changes_ai(listed, prose)
    whole = "We use your recordings to train our speech models, and you can turn this off at any time in Settings."
    split = "We use your recordings to train our speech models. You can turn this off at any time in Settings."
    assert not changes_ai(whole, split)
    narrowed = "We use your recordings to train our speech models. You can turn this off in Settings on the web."
    assert changes_ai(whole, narrowed)


@pytest.mark.parametrize(("old", "new"), [
    ("We do not use your emails to train AI.", "We do not currently use your emails to train AI."),
    ("We send your prompts to our AI model provider solely to answer you.",
     "We send your prompts to our AI model provider to answer you."),
    ("We remove identifiers from call recordings before using them to train our speech models.",
     "Where feasible, we remove identifiers from call recordings before using them to train our speech models."),
])
def test_a_hedge_added_to_or_taken_from_an_ai_clause_is_substance(old: str, new: str) -> None:
    assert changes_ai(old, new)


def test_an_opt_out_added_to_a_training_sentence_or_advertising_dropped_from_it_is_substance() -> None:
    use = "We use your reviews to train the models that write product summaries."
    choice = "We use your reviews to train the models that write product summaries; you can object to this in Settings."
    assert changes_ai(use, choice)
    ads = "We may use your chats with our AI features to improve our products and to show you relevant advertising."
    no_ads = "We may use your chats with our AI features to improve our products."
    assert changes_ai(ads, no_ads)
    ad_partners = ads.replace("to show you relevant advertising", "to show you relevant ads")
    assert not changes_ai(ads, ad_partners)


def test_a_notice_in_the_future_tense_become_present_is_not_ai_relevant() -> None:
    will = "We will use your public reviews to train our translation AI."
    does = "We use your public reviews to train our translation AI."
    assert not changes_ai(will, does)
    may_not = "We may not use your public reviews to train our translation AI."
    assert changes_ai(will, may_not)


def test_numbered_steps_written_out_from_one_sentence_are_not_ai_relevant() -> None:
    old = 'To opt out, open Settings, tap Privacy and switch off "AI training".'
    new = 'To opt out: 1. Open Settings. 2. Tap Privacy. 3. Switch off "AI training".'
    assert not changes_ai(old, new)


def test_an_upcoming_version_shown_beside_the_current_one_is_not_ai_relevant() -> None:
    current = with_paragraph(POLICY, X_2024_LICENCE)
    both = "# Upcoming terms\n\n" + current.replace("# Privacy Policy", "## New") + "\n\n# Current terms\n\n" + current
    change, assessment = assess_texts(current, both)
    assert any(s.kind == "added" and "training" in s.text for s in change.sentences)
    assert not assessment.ai_relevant


def test_an_ai_feature_change_is_low_and_not_ai_relevant() -> None:
    _, assessment = assess_texts(POLICY, with_paragraph(POLICY, "Meta AI can answer questions and create images."))
    assert (assessment.ai_relevant, assessment.severity) == (False, "low")
    assert assessment.findings[0].category == "ai_features"


def test_assess_accepts_a_change_alone_and_no_change_is_none() -> None:
    change = diff_texts(POLICY, with_paragraph(POLICY, X_2024_LICENCE))
    assert assess(change).severity == "high"
    assert assess(diff_texts(POLICY, POLICY)) == Assessment(summary="no change")


def test_the_highest_finding_decides_the_severity() -> None:
    new = with_paragraph(with_paragraph(POLICY, PROTECTION), X_2024_LICENCE)
    _, assessment = assess_texts(POLICY, new)
    assert assessment.severity == "high"
    assert max(SEVERITY_ORDER[s] for s in ("low", "high")) == SEVERITY_ORDER[assessment.severity]
    assert {f.category for f in assessment.findings} <= RELEVANT


def test_wording_normalisation_ignores_spelling_variants_and_link_targets() -> None:
    assert normalise_wording("We personalise [ads](https://a.example/x) that suit your behaviour.") \
        == normalise_wording("We personalize [ads](https://a.example/y) suiting your behavior.".replace(
            "suiting", "suit"))
    assert normalise_wording("We train models.") != normalise_wording("We do not train models.")


def test_a_renamed_controller_or_renumbered_item_is_form_and_a_new_recipient_is_substance() -> None:
    before = with_paragraph(POLICY, "(vii) Twitter International Unlimited Company may use your posts to train its "
                                    "AI models.")
    renamed = with_paragraph(POLICY, "(viii) X Corp. may use your posts to train its AI models.")
    assert not assess_texts(before, renamed)[1].ai_relevant
    shared = with_paragraph(POLICY, "We may share your posts with Acme Labs to train their AI models.")
    other = with_paragraph(POLICY, "We may share your posts with Beta Robotics to train their AI models.")
    assert assess_texts(shared, other)[1].ai_relevant  # who receives the data changed


@pytest.mark.parametrize("lead_in", ["You agree not to:", "Do not:", "### Restrictions", "When using the API, "
                                     "developers, their apps and any connected device must not:"])
def test_an_item_added_under_a_ban_is_a_rule_for_others(lead_in: str) -> None:
    items = "* scrape the Services\n* resell access to the Services"
    old = with_paragraph(POLICY, f"{lead_in}\n\n{items}")
    new = with_paragraph(POLICY, f"{lead_in}\n\n{items}\n* use member data to train machine learning models")
    finding, = assess_texts(old, new)[1].findings
    assert (finding.category, finding.structure.modality) == ("ai_features", "may_not")
    assert not assess_texts(old, new)[1].ai_relevant


@pytest.mark.parametrize(("lead_in", "actor"), [("* You may not:", "user"), ("* Your app must not:", "developer"),
                                               ("1. You agree not to:", "user")])
def test_an_item_of_a_list_inside_a_list_is_led_in_by_the_item_above_it(lead_in: str, actor: str) -> None:
    rules = f"When you use the API:\n\n* Follow our brand rules.\n{lead_in}\n    * sell user data;\n"
    old = with_paragraph(POLICY, f"{rules}    * share API keys.")
    new = with_paragraph(POLICY, f"{rules}    * share API keys;\n    * use member posts to fine-tune machine learning "
                                 "models.")
    assessment = assess_texts(old, new)[1]
    finding, = assessment.findings
    assert (finding.category, finding.structure.modality, finding.structure.actor) == ("ai_features", "may_not", actor)
    assert not assessment.ai_relevant
    # an item at the level of the lead-in is not under it
    level = with_paragraph(POLICY, f"{rules}    * share API keys.\n* We use member posts to fine-tune machine learning "
                                   "models.")
    assert assess_texts(old, level)[1].ai_relevant


def test_an_item_added_under_a_list_of_uses_is_the_platforms_own_use() -> None:
    lead_in = "We use your information to:"
    old = with_paragraph(POLICY, f"{lead_in}\n\n* provide the Services\n* keep you safe")
    new = with_paragraph(POLICY, f"{lead_in}\n\n* provide the Services\n* keep you safe\n* train and improve our "
                                 "generative AI models")
    assessment = assess_texts(old, new)[1]
    assert assessment.ai_relevant and assessment.severity == "high"


# -- names a document gives its AI --------------------------------------------------------------------------------
NAMING_POLICY = """# Privacy Policy

Zed, your personal AI companion, answers questions in the app.

We work with AI providers such as Northwind Labs to run Zed.

We use your account details to run the service.
"""


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Zed may be trained on your posts and the questions you ask it.", "ai_training"),
    ("Your questions to Zed are sent to Northwind Labs to generate answers.", "ai_data_sharing"),
    ("You can delete your Zed history in Settings.", "ai_opt_out"),
])
def test_a_name_the_document_gives_its_ai_reads_as_ai(sentence: str, expected: str) -> None:
    _, assessment = assess_texts(NAMING_POLICY, with_paragraph(NAMING_POLICY, sentence))
    assert [finding.category for finding in assessment.findings] == [expected]
    assert assessment.ai_relevant


def test_the_same_name_in_a_document_that_never_calls_it_ai_is_no_ai_clause() -> None:
    policy = NAMING_POLICY.replace("your personal AI companion", "our news digest").replace(
        "We work with AI providers such as Northwind Labs to run Zed.", "")
    _, assessment = assess_texts(policy, with_paragraph(policy, "Zed may be trained on your posts."))
    assert not assessment.ai_relevant


@pytest.mark.parametrize(("text", "products", "providers"), [
    ("Meet Zed, your personal AI companion.", {"Zed"}, set()),
    ("“Zed,” a conversational generative AI, answers.", {"Zed"}, set()),
    ("Zed is a family of tools that use generative AI to write.", {"Zed"}, set()),
    ("Our AI assistant, Zed, answers.", {"Zed"}, set()),
    ("Zed, our in-app AI assistant, finds lost items.", {"Zed"}, set()),  # "in-app" is no relation ("in")
    ("Zed, your on-device AI model, sorts photos.", {"Zed"}, set()),
    ("Zed Recaps are short summaries of an episode written by AI.", {"Zed Recaps", "Recaps"}, set()),
    ("Summaries are written by AI.", set(), set()),  # one word opening a sentence is any noun
    ("Zed is a chat assistant that plans your trips.", {"Zed"}, set()),
    ('- **"Zed"** — Acme’s AI coding assistant.', {"Zed"}, set()),
    ("Search now includes an AI-enhanced answer feature, Quick Chat, which answers.", {"Quick Chat", "Chat"}, set()),
    ("the language models that power Zed and Zed Studio", {"Zed", "Zed Studio", "Studio"}, set()),
    ("We send prompts to AI providers, like Northwind and Contoso Labs.", set(), {"Northwind", "Contoso Labs", "Labs"}),
    # the maker, and what is no name
    ("Acme Inc. (“Acme”, “we”) builds tools. Acme is an AI research company.", set(), set()),
    ("Acme, an AI safety company, receives prompts.", set(), {"Acme"}),
    ("We share data with our AI services, Acme will explain.", set(), set()),
    ("Spotlight submissions, your conversations with AI features", set(), set()),
    ("AI features, including Search, help you search the site.", set(), set()),
    ("Zed, your AI assistant. Acme Ireland Limited, our AI assistant.", {"Zed"}, set()),  # a company is no product
    # a name described, then said to use AI (not a company that does)
    ("Calls are screened by Zed, an automated tool that uses machine learning to spot spam.", {"Zed"}, set()),
    ("Zed, Acme's homework helper, uses handwriting recognition powered by machine learning.", {"Zed"}, set()),
    ("Zed Tales writes bedtime stories from three words you pick, using generative AI.", {"Zed Tales", "Tales"}, set()),
    ("Acme, our parent company, uses machine learning to detect fraud.", set(), set()),
    ("Zed Replies suggests short answers using a small language model.", {"Zed Replies", "Replies"}, set()),
    ("Acme personalises your feed using machine learning.", set(), set()),  # one word: a company's name
    # a name in bold, as features are titled
    ("**Zed** is an AI assistant that answers questions about your spending.", {"Zed"}, set()),
    ("**Zed** uses generative AI to shorten long threads.", {"Zed"}, set()),
    ("Acme uses generative AI to shorten long threads.", set(), set()),
    # a product of ours that uses AI, named after "our"
    ("Our FitCheck scan uses computer-vision machine learning to size your jacket.", {"FitCheck"}, set()),
    ("Before Acme makes an AI voice that resembles yours, you must agree.", set(), set()),  # a clause opens it
])
def test_names_a_document_gives_its_ai(text: str, products: set[str], providers: set[str]) -> None:
    names = ai_names_in(text)
    assert (set(names.products), set(names.providers)) == (products, providers)


def test_a_page_that_introduces_thousands_of_names_keeps_only_the_most_introduced() -> None:
    flood = " ".join(f"Zed{i}, your personal AI companion, answers." for i in range(2000))
    names = ai_names_in(flood + " Main, your personal AI companion, helps. Main, your personal AI companion, helps.")
    assert len(names.products) == MAX_NAMES
    assert "Main" in names.products


def test_in_an_ai_services_own_policy_deleting_chats_is_a_control_and_elsewhere_it_is_not() -> None:
    ai_service = '# Privacy Policy\n\n"Services" means our AI assistant and the apps around it.\n\n'
    messenger = "# Privacy Policy\n\nWe run a messaging app for friends and families.\n\n"
    for sentence in ("You can archive or delete individual chats.", "Deleted chats are removed within 30 days.",
                     "You can delete a thread from your library at any time."):
        assessment = assess_texts(ai_service, ai_service + sentence)[1]
        assert [finding.category for finding in assessment.findings] == ["ai_opt_out"], sentence
        assert not assess_texts(messenger, messenger + sentence)[1].ai_relevant, sentence


def test_a_use_that_names_no_ai_is_read_under_the_heading_of_its_section() -> None:
    def policy(heading: str, body: str) -> str:
        return f"# Privacy Policy\n\n## {heading}\n\nWe keep your account safe.\n\n{body}\n\n## Contact\n\nWrite us.\n"
    sentence = "We may also use the recipes you publish, unless you opt out in your settings."
    for heading, relevant in (("Training our AI models", True), ("Recipes", False), ("How do we train our AI?", False)):
        assessment = assess_texts(policy(heading, ""), policy(heading, sentence))[1]
        assert assessment.ai_relevant is relevant, heading
    choices = policy("Your AI choices", "")
    assert not assess_texts(choices, choices.replace("safe.\n", "safe.\n\nUse our online chat.\n"))[1].findings
    heading = "Training our AI models"
    underlined = policy(heading, "").replace(f"## {heading}", f"{heading}\n---")
    assert assess_texts(underlined, underlined.replace("safe.\n", f"safe.\n\n{sentence}\n"))[1].ai_relevant


def test_an_ai_services_data_controls_section_makes_no_other_choice_there_an_ai_one() -> None:
    policy = ('# Privacy Policy\n\n"Services" means our AI assistant and the apps around it.\n\nData controls\n'
              "-------------\n\n* You can delete your chats.\n{}\n## Contact\n\nWrite us.\n")
    ads = "* You can use the ad settings in your account to choose which ads we show you.\n"
    assert not assess_texts(policy.format(ads), policy.format(""))[1].ai_relevant
    training = "* You can stop us using your uploads to improve our models.\n"
    assert assess_texts(policy.format(training), policy.format(""))[1].ai_relevant


def test_voice_memos_are_what_people_record_not_their_voice() -> None:
    old, new = ("# Notes\n\nUnless you opt out, we may use your notes to improve the AI that suggests tags.\n",
                "# Notes\n\nUnless you opt out, we may use your notes and voice memos to improve the AI that suggests "
                "tags.\n")
    assessment = assess_texts(old, new, "Jotter")[1]
    assert assessment.ai_relevant  # a kind of data added behind the way out
    finding, = assessment.findings
    assert finding.structure.object == "user_content" and "likeness" not in finding.reading
    cloned = "We may use your voice to make a synthetic voice that reads your messages aloud."
    assert read_sentence(cloned).structure.object == "likeness"


def test_a_reading_names_every_kind_of_data_a_use_takes() -> None:
    old, new = ("# Privacy Policy\n\nUnless you opt out, Lumo may use your posts to train its AI models.\n",
                "# Privacy Policy\n\nUnless you opt out, Lumo may use your posts and your private messages to train "
                "its AI models.\n")
    finding, = assess_texts(old, new, "Lumo")[1].findings
    assert finding.reading == "Lumo may use your posts and private messages to train its AI models; you can refuse"
    assert finding.to_dict()["objects"] == ["user_content", "messages"]
    assert finding.to_dict()["data"] == ["posts", "private messages"]  # as the clause words them
    assert finding_from_dict(finding.to_dict()).structure.named == ("posts", "private messages")
    unnamed = read_sentence("Unless you opt out, Lumo may use posts and messages you send to train its AI models.")
    assert say(unnamed.structure, "Lumo").startswith("Lumo may use your posts and content as well as your messages")


@pytest.mark.parametrize("goes_on", ["This includes your private messages.", "For example, your photos and captions.",
                                     "These may include voice recordings you send us."])
def test_a_sentence_that_goes_on_naming_the_data_of_an_ai_use_is_that_use(goes_on: str) -> None:
    policy = "# Privacy Policy\n\n## AI\n\nWe use the content you share to train our AI models.{}\n\n## Contact\n"
    added = assess_texts(policy.format(""), policy.format(" " + goes_on))[1]
    assert [(f.category, f.change, f.text) for f in added.findings] == [("ai_training", "added", goes_on)]
    if "messages" in goes_on:  # the alert names the data the sentence adds
        assert added.findings[0].reading == "The platform uses your private messages to train its AI models"
    unrelated = "# Privacy Policy\n\n## Account\n\nWe keep your account secure.{}\n\n## Contact\n"
    assert not assess_texts(unrelated.format(""), unrelated.format(" " + goes_on))[1].ai_relevant


def test_a_sentence_that_went_on_naming_data_merged_into_the_one_before_is_no_change() -> None:
    policy = "# Privacy Policy\n\n## AI\n\n{}\n\n## Contact\n"
    split = "We use your posts to train our AI models. This includes photos and captions."
    merged = "We use your posts, including photos and captions, to train our AI models."
    assert not assess_texts(policy.format(split), policy.format(merged))[1].ai_relevant
    assert not assess_texts(policy.format(merged), policy.format(split))[1].ai_relevant
    widened = "We use your posts, including photos, captions and messages, to train our AI models."
    assert assess_texts(policy.format(split), policy.format(widened))[1].ai_relevant


def test_a_way_out_after_a_sentence_that_goes_on_is_about_the_use_before_that() -> None:
    policy = ("# Privacy Policy\n\n## AI\n\nWe use the documents you write to train our AI models. This includes your "
              "drafts.\n\n{}\n\n## Contact\n")
    removed = assess_texts(policy.format("If you are in the EU, you can object."), policy.format(""))[1]
    assert [(f.category, f.change) for f in removed.findings] == [("ai_opt_out", "removed")]


def test_terms_titled_by_their_ai_product_are_an_ai_services_own() -> None:
    zed_terms = "Zed Terms of Use\n================\n\nWelcome to Zed, your personal AI companion!\n\n"
    acme_terms = "# Acme Terms of Use\n\nAcme makes apps, and Zed, your personal AI companion.\n\n"
    sentence = "You can archive or delete individual chats."
    assert [f.category for f in assess_texts(zed_terms, zed_terms + sentence)[1].findings] == ["ai_opt_out"]
    assert not assess_texts(acme_terms, acme_terms + sentence)[1].ai_relevant


def test_a_key_points_box_that_restates_the_body_is_no_change_but_one_that_says_more_is() -> None:
    body = ("# Privacy Policy\n\n## How we use your information\n\n"
            "We use the photos you post publicly to train our image-generation AI models.\n")
    box = "**Key points**\n\n* Your public photos help train our AI models.\n"
    assert not assess_texts(body, body.replace("## How", box + "\n## How"))[1].ai_relevant
    more = "**Key points**\n\n* We share your private messages with our AI partners.\n"
    assert assess_texts(body, body.replace("## How", more + "\n## How"))[1].ai_relevant


def test_a_summary_box_added_under_a_new_date_is_read_as_an_addition_not_a_rewrite() -> None:
    body = ("We use the recipes you publish to train the model that suggests ingredients, and we never use the "
            "recipes in your private cookbook.")
    old = f"# Privacy Policy\n\nLast updated: 2 May 2025\n\n## Recipes and AI\n\n{body}\n"
    box = "**In short**\n\n* Recipes you publish help develop our AI ingredient suggestions.\n"
    new = old.replace("2 May 2025\n", f"9 October 2026\n\n{box}")
    assert not assess_texts(old, new)[1].ai_relevant
    told_more = box.replace("help develop our AI ingredient suggestions", "are shared with our AI partners")
    assert assess_texts(old, old.replace("2 May 2025\n", f"9 October 2026\n\n{told_more}"))[1].ai_relevant


def test_a_clause_made_a_table_counts_no_header_word_and_a_word_inflected_is_no_new_claim() -> None:
    prose = ("We send the questions you type to our AI provider to draft answers, and you can turn this off in "
             "Settings. We use publicly shared answers to personalize suggestions.")
    table = ("| What we send | To whom | Why |\n|---|---|---|\n| The questions you type | Our AI provider | To draft "
             "answers; turn off in Settings |\n\nAnswers shared publicly are used for personalizing suggestions.")
    assert not changes_ai(prose, table)
    assert changes_ai(prose, table.replace("The questions you type", "The questions you type and your contacts"))


MOVED_OLD = ("# Privacy Notice\n\nLast updated: 3 March 2025\n\n## Legal bases\n\nWe rely on the following legal "
             "bases:\n\n- **Contract:** to run your account.\n- **Consent:** to send marketing.\n\n"
             "## Zed, our assistant\n\nZed is the chat assistant in the Orla app. Zed runs on a large language model "
             "supplied by Ardent AI. Ardent may not use your chats to train its own models, and deletes them after 30 "
             "days. We keep Zed chats for 12 months and use them to improve Zed's answers.\n\n"
             "## Contact\n\nWrite to us.\n")
MOVED_NEW = ("# Privacy Notice\n\nLast updated: 9 June 2026\n\n## Legal bases\n\n| Purpose | Legal basis |\n|---|---|\n"
             "| Running your account | Contract |\n| Marketing | Consent |\n\n## Contact\n\nWrite to us.\n\n"
             "## Our assistant\n\nOrla Helper is the chat assistant in the Orla app. This is how it uses your "
             "information:\n\n- Replies come from a large language model supplied by Ardent AI.\n"
             "- Ardent deletes chats after 30 days and may not use them to train its own models.\n"
             "- Orla keeps Orla Helper chats for 12 months and uses them to improve Orla Helper's answers.\n")


def test_an_ai_section_moved_renamed_and_rewritten_is_no_change_unless_a_fact_changed() -> None:
    assert not assess_texts(MOVED_OLD, MOVED_NEW)[1].ai_relevant
    changed = assess_texts(MOVED_OLD, MOVED_NEW.replace("12 months", "5 years"))[1]
    assert changed.ai_relevant and changed.summary == "AI passage rewritten: 12 months → 60 months"


def test_a_list_under_a_lead_in_made_one_sentence_is_no_change_unless_an_item_or_the_way_out_changes() -> None:
    policy = '# Privacy Policy\n\nThis policy explains how Tripway Ltd ("we", "us") handles your data.\n\n## AI\n\n'
    listed = policy + ("When \"Improve Trips\" is on, we may use the following to train and evaluate our models:\n\n"
                       "* the searches you run;\n* notes you add to a trip;\n* your ratings.\n")
    prose = policy + ("When \"Improve Trips\" is on, Tripway may use the searches you run, notes you add to a trip "
                      "and your ratings to train and evaluate its models.\n")
    wider = policy + ("When \"Improve Trips\" is on, we may use the searches you run, notes you add to a trip, your "
                      "ratings and your messages to train and evaluate our models.\n")
    assert not assess_texts(listed, prose)[1].ai_relevant
    assert assess_texts(listed, wider)[1].ai_relevant
    # "may use the following to train …:" written out as "may train … on …", and a way out under the list
    with_way_out = policy + ("Tripway may use the following to train its AI models:\n\n* your drafts\n* your comments"
                             "\n\nYou can opt out under Settings > Privacy.\n")
    trained_on = policy + ("Tripway may train its AI models on your drafts and your comments. You can opt out under "
                           "Settings > Privacy.\n")
    one_sentence = policy + ("Tripway may use your drafts and comments to train its AI models, and you can opt out "
                             "under Settings > Privacy.\n")
    assert not assess_texts(with_way_out, trained_on)[1].ai_relevant
    assert not assess_texts(one_sentence, with_way_out)[1].ai_relevant
    assert not assess_texts(with_way_out, one_sentence)[1].ai_relevant
    no_way_out = with_way_out.replace("You can opt out under Settings > Privacy.", "Contact support with questions.")
    assert assess_texts(one_sentence, no_way_out)[1].ai_relevant
    assert assess_texts(one_sentence, with_way_out.replace("* your comments", "* your comments\n* your messages"))[
        1].ai_relevant


def test_a_defined_term_is_read_as_what_it_means() -> None:
    policy = "# Privacy Policy\n\n## AI\n\n"
    old = policy + "We use the posts and photos you share publicly to train our generative AI models.\n"
    defined = policy + ('In this section, "Public Content" means the posts and photos you share publicly. '
                        "Public Content is used to train our generative AI models.\n")
    assert not assess_texts(old, defined)[1].ai_relevant
    wider = defined.replace("the posts and photos you share publicly", "the posts, photos and messages you share")
    assert assess_texts(old, wider)[1].ai_relevant


def test_a_company_speaking_of_itself_by_name_says_what_we_says() -> None:
    policy = '# Privacy Policy\n\nThis policy explains how Tallis Labs, Inc. ("we", "us") handles your data.\n\n'
    old = policy + "We do not use your private messages to train our AI models."
    assert not assess_texts(old, policy + "Tallis does not use your private messages to train its AI models.")[
        1].ai_relevant
    assert assess_texts(old, policy + "Tallis uses your private messages to train its AI models.")[1].ai_relevant


def test_an_faq_made_prose_loses_only_its_question_when_the_short_answer_is_spelled_out_after_it() -> None:
    intro = "# Privacy Policy\n\n## Our AI meal planner\n\n"
    answer = "Your requests are sent to a third-party AI model provider to write the plan."
    faq = f"**Does the planner use an outside AI provider?** Yes. {answer}\n\n## Contact\n\nWrite to us.\n"
    prose = f"{answer}\n\n## Contact\n\nWrite to us.\n"
    assert not assess_texts(intro + faq, intro + prose)[1].ai_relevant
    wider = prose.replace("Your requests are", "Your requests and photos are")
    assert assess_texts(intro + faq, intro + wider)[1].ai_relevant


def test_a_way_out_of_a_use_says_the_use_in_its_reading_and_the_content_of_messages_is_messages() -> None:
    way_out = read_sentence("Chirpy may use your direct messages to train its AI models unless you opt out.")
    assert way_out.category == "ai_opt_out"
    assert say(way_out.structure, "Chirpy") == \
        "Chirpy may use your direct messages to train its AI models; you can refuse"
    bare = read_sentence("You can opt out of AI training in Settings.")
    assert say(bare.structure, "Chirpy") == "You can refuse or turn off Chirpy's use of your data for AI"
    limit = read_sentence("We do not use the content of your direct messages to train our AI models.")
    assert say(limit.structure, "Chirpy") == "Chirpy does not use your direct messages to train its AI models"


def test_the_words_of_a_legal_name_that_name_nothing_are_not_the_company_s_own_words() -> None:
    names = ai_names_in('This policy explains how Tallis Platforms, Inc. ("we", "us") handles your data.')
    assert names.own == {"Tallis"}
    assert not ai_names_in('Tallis AG, registered in Ruritania ("we" or "us"), hosts "Content" ("we").').own


def test_in_an_ai_services_own_policy_its_data_controls_and_improving_the_service_with_inputs_are_ai() -> None:
    ai_service = '# Privacy Policy\n\n"Services" means our AI assistant and the apps around it.\n\n'
    messenger = "# Privacy Policy\n\nWe run a messaging app for friends and families.\n\n"
    for sentence, category in (("Read more about your data controls in our help centre.", "ai_opt_out"),
                               ("Inputs and Outputs may be reviewed to improve the Service.", "ai_training"),
                               ("We may use your Content to provide, develop and improve our Services.", "ai_training"),
                               ("You can opt out of the use of your Content to improve the Services.", "ai_opt_out")):
        assessment = assess_texts(ai_service, ai_service + sentence)[1]
        assert [finding.category for finding in assessment.findings] == [category], sentence
        assert not assess_texts(messenger, messenger + sentence)[1].ai_relevant, sentence
    exporting = "You can export your data from Settings > Data Controls > Export."
    assert not assess_texts(ai_service, ai_service + exporting)[1].ai_relevant


@pytest.mark.parametrize(("old", "new"), [
    ("We do not use data from users under 18 to train our AI models.",
     "We do not use data from users under 13 to train our AI models."),
    ("Existing and new members can switch off the use of their posts for AI training.",
     "Members who joined this year can switch off the use of their posts for AI training."),
    ("We use your messages to train our scam-warning models.",
     "We use your messages to train our scam-warning models. You can ask us not to by contacting support."),
])
def test_whose_data_by_age_or_kind_of_member_and_a_choice_about_the_sentence_before_are_substance(old: str,
                                                                                                    new: str) -> None:
    assert changes_ai(old, new)


@pytest.mark.parametrize(("old", "new"), [
    ("We share your prompts with our AI model provider.",
     "We share your prompts and your location with our AI model provider."),
    ("You can delete your AI chat history at any time.", "You cannot delete your AI chat history."),
    ("We use your posts to train our AI models. If you are in the EU, you can object.",
     "We use your posts to train our AI models."),
    ("You may turn off AI training for your account in Settings.",
     "You may turn off AI training for your account in Settings. This setting is not available in Ruritania."),
    ("You may not use the service to train AI models.",
     "You may not use the service to train AI models. We may use your content to train ours."),
    ("You can object to our use of your posts for AI training in Settings > Privacy.",
     "You can object to our use of your posts for AI training by writing to privacy@example.com."),
])
def test_a_place_shared_a_choice_taken_away_or_limited_and_training_ours_are_substance(old: str, new: str) -> None:
    assert changes_ai(old, new)


def test_a_list_written_out_under_the_following_or_sentences_merged_among_other_edits_are_not_ai_relevant() -> None:
    inline = "We do not use your private messages, your payment data or your location to train AI models."
    listed = ("We do not use the following to train AI models:\n\n"
              "* your private messages\n* your payment data\n* your location")
    old = with_paragraph(POLICY, f"Effective 1 May.\n\n{inline}\n\nContact us by post.")
    new = with_paragraph(POLICY, f"Effective 1 June.\n\n{listed}\n\nContact us by e-mail.")
    assert not assess_texts(old, new)[1].ai_relevant
    narrowed = listed.replace("\n* your location", "")
    narrowed_version = with_paragraph(POLICY, f"Effective 1 June.\n\n{narrowed}\n\nContact us by e-mail.")
    assert assess_texts(old, narrowed_version)[1].ai_relevant
    two = "We do not use your private messages to train our AI models.\n\nThis applies to every account we hold."
    merged = "We do not use your private messages to train our AI models, and this applies to every account we hold."
    assert not assess_texts(with_paragraph(POLICY, f"Effective 1 May.\n\n{two}"),
                            with_paragraph(POLICY, f"Effective 2 May.\n\n{merged}"))[1].ai_relevant


def test_a_heading_renamed_above_an_unchanged_ai_clause_is_not_ai_relevant() -> None:
    clause = "We use your public posts to train our AI models. You can object in Settings."
    old = with_paragraph(POLICY, f"## Artificial intelligence\n\n{clause}")
    renamed = with_paragraph(POLICY, f"## Your right to object to AI use\n\n{clause}")
    assert not assess_texts(old, renamed)[1].ai_relevant
    new_section = "## Your right to object to AI use\n\nWrite to us and we will stop using your posts for AI."
    added = with_paragraph(POLICY, f"## Artificial intelligence\n\n{clause}\n\n{new_section}")
    assert assess_texts(old, added)[1].ai_relevant


def test_a_clause_rewritten_in_plain_words_is_not_ai_relevant_but_a_kind_of_data_added_is() -> None:
    old = "Chat content is used for training our AI models on the basis of legitimate interests."
    table = ("| Data | Purpose | Basis |\n|---|---|---|\n"
             "| Chat content | Training our AI models | Legitimate interests |")
    assert not changes_ai(old, table)
    widened = table.replace("| Chat content |", "| Chat content and photos |")
    assert changes_ai(old, widened)


_PURPOSES = ("| Purpose | Type of Data | Legal basis |\n| --- | --- | --- |\n"
             "| Provide the service | Account data, content | Contract |\n"
             "| Improve our AI models | *   Feedback<br>*   Public posts | Legitimate interests |\n"
             "| Security | Logs, device data | Legitimate interests |")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Your usage data are used to improve our energy-saving algorithms.", None),
    ("Your posts are used to improve our ranking algorithm.", None),
    ("Your listening history is used to train our recommendation algorithms.", "ai_training"),
    ("Your voice recordings are used to improve our speech recognition models.", "ai_training"),
])
def test_an_algorithm_improved_is_no_ai_but_one_trained_is(sentence: str, expected: str | None) -> None:
    assert category(sentence) == expected  # the guidelines: ranking algorithms with no AI or ML wording are none


def test_writing_to_the_platform_is_a_way_to_refuse_but_the_prompts_you_write_are_not() -> None:
    prompts = ("We may use the profile prompts you write, to train our matching models.",
               "The profile prompts you write may be used by us to train our matching models.")
    assert not changes_ai(*prompts)


def test_what_people_make_is_named_by_the_making_but_a_condition_names_nothing() -> None:
    def named(text: str) -> list[str]:
        return [match.group(0) for match in USER_DATA.finditer(text)]
    assert named("We may use the reviews you write and what you upload.") == ["reviews you write", "what you upload"]
    assert named("If you give us permission, or when you share it, or unless you rate it") == []


@pytest.mark.parametrize("box", [
    "> **At a glance**\n> - We use public posts to help train Nest Genie.\n> - You can object in Settings.",
    "> **At a glance:** we use public posts to help train Nest Genie, we never use private messages for it, and you "
    "can object in Settings.",
    "**In short:** we use public posts to help train Nest Genie.",
])
def test_a_summary_box_added_over_the_clauses_it_sums_up_is_no_change(box: str) -> None:
    body = ("## Nest Genie\n\nWe use public posts to help train the models behind Nest Genie. We do not use your "
            "private messages for this purpose. You can object under Settings > AI data.")
    assert not changes_ai(body, f"{box}\n\n{body}")
    assert changes_ai(body, f"{box}\n\n{body.replace('public posts', 'public posts and private photos')}")


def test_a_kind_of_data_dropped_from_a_consent_promise_is_high_and_the_finding_says_so() -> None:
    old = "Wink will not use your private messages or photos to train AI unless you opt in."
    assessment = assess_texts(with_paragraph(POLICY, old), with_paragraph(POLICY, old.replace(" or photos", "")))[1]
    finding, = assessment.findings
    assert (assessment.severity, assessment.summary) == ("high", "AI consent narrowed; no longer covers: photos")
    assert finding.severity == "high" and severity_of(finding) == "high"  # the alert shows what was rated
    assert finding_from_dict(finding.to_dict()).severity == "high"
    stored_before = {key: value for key, value in finding.to_dict().items() if key != "severity"}
    assert severity_of(finding_from_dict(stored_before)) == "medium"  # rated by the rule for an opt-out


def test_a_limit_or_a_way_out_that_covers_less_is_high_and_says_what_it_no_longer_covers() -> None:
    use = "We use the notes you write to train our AI assistant. "
    way_out = use + "Deleting a note stops any further use of your notes, photos and voice memos to train it."
    narrowed = assess_texts(with_paragraph(POLICY, way_out), with_paragraph(POLICY, way_out.replace(
        "your notes, photos and voice memos", "your notes")))[1]
    assert (narrowed.severity, narrowed.summary) == ("high",
                                                     "AI opt-out narrowed; no longer covers: photos, voice memos")
    widened = assess_texts(with_paragraph(POLICY, way_out.replace("your notes, photos and voice memos", "your notes")),
                           with_paragraph(POLICY, way_out))[1]
    assert widened.ai_relevant and widened.severity == "medium"  # a way out that covers more takes nothing away
    limit = "We do not use your private messages or photos to train our AI models."
    fewer = assess_texts(with_paragraph(POLICY, limit), with_paragraph(POLICY, limit.replace(" or photos", "")))[1]
    assert (fewer.severity, fewer.summary) == ("high", "AI-use limit narrowed; no longer covers: photos")
    assert fewer.findings[0].reading == "The platform does not use your private messages to train its AI models"


def test_a_table_row_is_read_alone_with_its_header() -> None:
    # an edit in a row that is not about AI, in a table with an AI row, changes nothing about AI
    assert not changes_ai(_PURPOSES, _PURPOSES.replace("| Logs, device data |", "| Logs, device data, IP address |"))
    assert not changes_ai(_PURPOSES, _PURPOSES + "\n| Marketing | Email address | Consent |")
    # the AI row's data column gains an item: its purpose now uses more data, as the row (not its header) says
    widened = _PURPOSES.replace("Public posts |", "Public posts<br>*   Private messages |")
    finding, = assess_texts(with_paragraph(POLICY, _PURPOSES), with_paragraph(POLICY, widened))[1].findings
    assert finding.reading == "The platform uses your posts and content as well as your messages to improve its AI"
    # the header says what a row's "Yes" means
    old = "| Plan | Used for training? |\n| --- | --- |\n| Free | Yes, unless you opt out |\n| Teams | No |"
    assert changes_ai(old, old.replace("Yes, unless you opt out", "Yes"))


def test_ai_wording_that_reaches_another_cell_of_an_ai_row_is_a_change() -> None:
    basis = "| Legitimate interests |"
    reasoned = "| Legitimate interests: training AI models on posts keeps our suggestions useful |"
    assert changes_ai(_PURPOSES, _PURPOSES.replace(f"Public posts {basis}", f"Public posts {reasoned}"))
    assert not changes_ai(_PURPOSES, _PURPOSES.replace(f"Public posts {basis}", "Public posts | Legitimate interest |"))
    columns = "| Purpose | Data |\n| --- | --- |\n| Train our AI models | Public posts |"
    assert not changes_ai(columns, "| Data | Purpose |\n| --- | --- |\n| Public posts | Train our AI models |")


def test_a_row_lists_in_its_cells_and_its_legal_basis_counts() -> None:
    bulleted = _PURPOSES.replace("*   Feedback<br>*   Public posts", "*   Feedback<br>*   Public posts<br>*   Comments")
    assert not changes_ai(bulleted, bulleted.replace("*   Feedback<br>*   Public posts<br>*   Comments",
                                                     "Feedback, public posts and comments"))
    assert changes_ai(_PURPOSES, _PURPOSES.replace("Public posts | Legitimate interests |", "Public posts | Consent |"))
    # a switch under a column of defaults is a default: off by default, the use waits for consent
    defaults = "| Setting | Default | What it does |\n| --- | --- | --- |\n| Crash reports | On | Sends crash data |"
    row = "\n| Help improve Notes | Off | Lets us use your edits to train the models behind Notes |"
    finding, = assess_texts(with_paragraph(POLICY, defaults), with_paragraph(POLICY, defaults + row))[1].findings
    assert (finding.category, finding.structure.modality) == ("ai_opt_out", "unless_consent")
    assert read_sentence("Using your edits to train our models is off by default.").structure.modality == \
        "unless_consent"


def test_a_yes_or_no_cell_of_an_ai_row_that_turns_is_a_change() -> None:
    settings = ("| Setting | Default |\n| --- | --- |\n| Use my chats to improve AI models | Off |\n"
                "| Email updates | On |")
    assert changes_ai(settings, settings.replace("models | Off |", "models | On |"))
    assert not changes_ai(settings, settings.replace("updates | On |", "updates | Off |"))
    assert not changes_ai(settings, settings.replace("models | Off |", "models | Disabled |"))


_WISH = ("If you'd rather we didn't train on your new chats, open Settings > Privacy and switch off "
         "**Help improve Tally**.\n\nWe keep your account details while your account is open.")
_CHATS_TRAIN_IT = "We use your chats with our assistant to train it. "
_NOTES_TEAMS = "Teams can let us use their meeting notes to improve our summary models. "
_DRAFTS = "We may use the drafts you write to improve our writing models. "
_FEED = "We use public posts to train the machine-learning models behind our feed.\n\n"
_LICENCE = ("You grant us a licence to host and process your Content to operate the Services and to develop, train "
            "and improve our products, including our machine-learning models.\n\n")
_LISTED = ("We use your information to:\n\n- deliver your messages\n"
           "- train and improve the models that suggest replies in Quick Reply\n- keep the service secure")
_UNLISTED = _LISTED.replace("\n- train and improve the models that suggest replies in Quick Reply", "") + (
    "\n\nWe also use your information to train and improve the models that suggest replies in Quick Reply.")
_REVIEWS = ("We use your public reviews to improve the AI models behind Highlights, and you can object to this by "
            "turning off **AI improvement** in your account settings.")


@pytest.mark.parametrize(("old", "new", "ai_relevant"), [
    # a way out said as a wish not to is the same way out; an EU limit added to it is not
    ("You can stop your new chats from being used to train our models by switching off **Help improve Tally** "
     "under Settings > Privacy.", _WISH, False),
    (_WISH.replace("If you'd rather", "If you live in the EU and would rather"), _WISH, True),
    # a region put before a way out that points back at the use
    (_CHATS_TRAIN_IT + "You can object to this use by writing to us; we then stop using your chats for training.",
     _CHATS_TRAIN_IT + "If you live in the EU, you can object to this use by writing to us; we then stop using your "
     "chats for training.", True),
    # a protection restated about the models named just before ("them"), and narrowed to private messages
    (_FEED + "We do not use the content of your direct messages to train these models.",
     "The machine-learning models behind our feed are trained on public posts.\n\n"
     "What you write in direct messages is not used to train them.", False),
    (_FEED + "We do not use the content of your direct messages to train these models.",
     "The machine-learning models behind our feed are trained on public posts.\n\n"
     "What you write in private direct messages is not used to train them.", True),
    # a default flipped in a sentence that points back at the use; the same default reworded
    (_NOTES_TEAMS + "This is off unless an owner switches on **Help improve summaries** in the admin console.",
     _NOTES_TEAMS + "This is switched on for every team unless an owner turns off **Help improve summaries**.", True),
    (_NOTES_TEAMS + "This is off unless an owner switches on **Help improve summaries** in the admin console.",
     _NOTES_TEAMS + "This stays off unless an owner switches on **Help improve summaries** in the admin console.",
     False),
    # a way out that opens its own paragraph points back at the use above it
    ("Snippets of your voice commands may be used to improve our speech models.\n\n"
     "You can stop this in **Settings > Privacy**.", "Snippets of your voice commands may be used to improve our "
     "speech models.", True),
    # a way out that points back in other words ("in this way"), a switch made a written objection
    (_DRAFTS + "You can stop this at any time by switching off **Help improve drafts** under Settings.",
     _DRAFTS + "If you would rather we did not use your drafts in this way, you may object by writing to us.", True),
    # the definition of Content widened to Inputs and Outputs under a licence to train
    (_LICENCE + '- **"Content"** means the text and files you upload.',
     _LICENCE + '- **"Content"** means the text and files you upload, together with your Inputs and the Outputs.',
     True),
    # a list item written out as prose is form; written out as a limit it is not
    (_LISTED, _UNLISTED, False),
    (_LISTED, _UNLISTED.replace("We also use", "We do not use"), True),
    # objecting by a switch in Settings is that switch; a right to object made a request is not the same
    (_REVIEWS, "Your public reviews help us improve the AI models behind Highlights; if you do not want them used "
     "this way, switch off **AI improvement** in your account settings.", False),
    # consent said another way is the same consent; consent dropped is not
    ("We will not use your voice recordings to train our speech models without your consent.",
     "We use your voice recordings to train our speech models only if you consent.", False),
    ("We will not use your voice recordings to train our speech models without your consent.",
     "We use your voice recordings to train our speech models.", True),
    # permission given the other way round
    ("With your permission, we use recordings of your voice to build an AI voice clone for your podcasts.",
     "If you give permission, recordings of your voice are used to build an AI voice clone for your podcasts.", False),
    # chats kept to tailor ads are kept to personalise them; a company that processes the notes receives them;
    # an affiliate that receives recordings from us to train its AI is shared with
    ("We keep your conversations with Kestrel Assistant and use them to personalise the ads you see.",
     "Conversations you have with Kestrel Assistant are stored and used to tailor the ads shown to you.", False),
    ("Notes you type into Check-In are processed by Vellum Systems, an outside AI company, to draft a summary.",
     "To draft a summary, Vellum Systems, an outside AI company, processes the notes you type into Check-In.", False),
    ("We share gameplay recordings with our affiliate Harrow Labs so it can train its game-testing AI.",
     "Our affiliate Harrow Labs receives gameplay recordings from us, which it uses to train its game-testing AI.",
     False),
    # a second company added to those that receive the data
    ("Your prompts are sent to Orbi Labs, which provides the language models that answer them.",
     "Your prompts are sent to Orbi Labs and Tessel AI, which provide the language models that answer them.", True),
    # a kind of data added to a list under a lead-in that trains AI; a notice taken down while the body still says it
    ("We use the following content to train our recommendation models:\n\n- public posts\n- likes",
     "We use the following content to train our recommendation models:\n\n- public posts\n- likes\n"
     "- photos attached to public posts", True),
    ("> From 1 June, we use the recipes you post publicly to train our suggestion models.\n\n"
     "Since 1 June, we use the recipes you post publicly to train our suggestion models.",
     "Since 1 June, we use the recipes you post publicly to train our suggestion models.", False),
    ("You have the right to object to our use of your public reviews for improving our AI models through the "
     "objection form.", "You may ask us to stop using your public reviews for improving our AI models through the "
     "objection form, and we will decide whether to honour your request.", True),
    # the same promise with "neither … nor" before the consent; models that make new content are generative AI
    ("We will not use your designs, or the prompts you give our AI tools, to train AI models without your consent.",
     "Without your consent, neither your designs nor the prompts you give our AI tools will be used to train AI "
     "models.", False),
    ("We do not use your livestreams to train artificial intelligence models that generate new content.",
     "Your livestreams are never used to train generative AI models, meaning models that make new content.", False),
    # a switch moved to other menus; a control said in the passive
    ("To stop us using your notes for model training, switch off \"Improve Notes AI\" under Settings > Privacy.",
     "To stop us using your notes for model training, switch off \"Help improve Notes AI\" under Account > Data.",
     False),
    ("You can turn off \"Model improvement\" in Data Controls to keep your chats out of training.",
     "You can turn off \"Model improvement\" under Profile > Privacy to keep your chats out of training.", False),
    # slips of the keyboard inside an unchanged clause; a second company that receives the data is no slip, and
    # neither is a promise about providers dropped
    ("We dont use the contents of you private notes to train our AI models.",
     "We do not use the content of your private notes to train our AI models.", False),
    ("We use you watch history and the playlist you creates to improve our recommendation models.",
     "We use your watch history and the playlists you create to improve our recommendation models.", False),
    ("Your prompt is sent to Orbi Labs, which provides the language models that answer it.",
     "Your prompt is sent to Orbi Labs and Tessel, which provide the language models that answer it.", True),
    ("We do not use your documents to train AI models, and we do not allow our AI subprocessors to do so.",
     "We do not use your documents to train AI models.", True),
    # a way out said first and the use after it; where only one side says how, that is detail, but a way changed is
    # substance
    ("Unless you opt out, we use the recipes you post to improve our AI cooking assistant.",
     "You can opt out at any time in Settings; if you do not, we use the recipes you post to improve our AI cooking "
     "assistant.", False),
    ("You can opt out in Settings of our use of your recipes to improve our AI cooking assistant.",
     "You can opt out by emailing us of our use of your recipes to improve our AI cooking assistant.", True),
    # an FAQ answer read with its question; a way out split off into its own sentence; consent asked for
    ("**Do you use my chats to train your AI?** No, unless you turn on \"Help improve\" in Settings.",
     "We do not use your chats to train our AI unless you turn on \"Help improve\" in Settings.", False),
    ("We may use your public reviews to improve the AI models that rank results, unless you opt out in Settings.",
     "We may use your public reviews to improve the AI models that rank results. You can opt out in Settings; "
     "otherwise this use continues.", False),
    ("We use your voice notes to train our speech models.",
     "We use your voice notes to train our speech models. You can ask us to stop by writing to support.", True),
    ("When you opt out, none of your drafts will be used to improve our models.",
     "When you opt out, your drafts will not be used to improve our models, except where you rate a suggestion.",
     True),
    ("We use your recordings to improve our speech-recognition models only with your consent.",
     "We will ask for your permission before we use your recordings to improve our speech-recognition models.",
     False),
    # "train it" after a way out of a training use trains the same AI: a new kind of data for it
    ("Unless you opt out, we use the recipes you post to improve our AI cooking assistant.",
     "Unless you opt out, we use the recipes you post to improve our AI cooking assistant. We also use your private "
     "messages to train it.", True),
    # a named provider bound by a ban, said two ways
    ("Your prompts are sent to Orbi Labs, our model provider. Orbi Labs may not use your prompts to train its own "
     "models.", "Your prompts are sent to Orbi Labs, our model provider. Orbi Labs is not allowed to use your prompts "
     "to train its own models.", False),
    ("* You can delete single chats or your whole assistant history from the chat screen.",
     "Your whole assistant history, or single chats, can be deleted from the chat screen.", False),
    ("You can turn the AI assistant on or off for each group in its settings.",
     "The AI assistant can be turned on or off separately for each group in its settings.", False),
    # "straight away" is "immediately"; "nothing you create" is a "not"; a plan named for its subscribers receives
    # nothing
    ("If you delete a chat with the assistant, it leaves your history immediately and our servers within 30 days.",
     "A deleted chat with the assistant leaves your history straight away and our servers within 30 days.", False),
    ("Images made in Private mode are not used to improve our image models.",
     "Private mode, available to Studio subscribers, hides images from the feed, and nothing you make in Private mode "
     "is used to improve our image models.", False),
    # a way out whose list of data grows is a wider use; examples of a kind already named, a setting's new place, a
    # list said shorter and synonyms are not
    ("Unless you opt out, we use your tasting notes to train our AI sommelier.",
     "Unless you opt out, we use your tasting notes and cellar photos to train our AI sommelier.", True),
    ("You can stop us using your route logs to improve our AI coach in Settings.",
     "You can stop us using your route logs and heart-rate readings to improve our AI coach in Settings.", True),
    ("You can opt out of having your sketches used to train our AI.",
     "You can opt out of having your sketches, voice notes and location used to train our AI.", True),
    ("You can opt out of the use of your information to train our AI models in Settings.",
     "You can opt out of the use of your information, such as your reviews and ratings, to train our AI models in "
     "Settings.", False),
    ("Unless you turn off \"Help improve Quill\" in Settings, we use your drafts to train our models.",
     "Unless you turn off \"Help improve Quill\" under Settings > Data & privacy, we use your drafts to train our "
     "models.", False),
    ("If you would rather we did not use your chats and conversations to train our models, turn off Model Training.",
     "If you would rather we did not use your conversations to train our models, turn off Model Training.", False),
    # a default turned around: off until switched on, then on until switched off
    ("Smart features that learn from your notes stay off until you turn them on.",
     "Smart features that learn from your notes are on until you turn them off.", True),
    # a use and its way out merged into one sentence, or split apart again, say the same
    ("Your saved searches may be used to improve our AI ranking. You can opt out under Account > Privacy.",
     "We may use your saved searches to improve our AI ranking; you can opt out under Account > Privacy.", False),
    ("Tidewell uses your saved searches to improve our AI ranking; you can opt out under Account > Privacy.",
     "Your saved searches are used by Tidewell to improve our AI ranking. You can opt out under Account > Privacy.",
     False),
    # a limit that leaves out one kind of data is substance, whatever way out stands beside it
    ("We do not use your chats with the assistant or your notes to train AI models. You can delete chats in "
     "Settings > Assistant.",
     "We do not use your notes to train AI models. You can delete chats in Settings > Assistant.", True),
    # switching a setting on is consent, whichever verb turns it on
    ("Your sketches are not used to train our AI unless you enable \"Share sketches\" in Settings.",
     "We don't use your sketches to train our AI unless you turn on Share Sketches in Settings.", False),
    # someone else who turns the use off is a way out too
    ("Pupils' answers help improve our AI tutor unless a teacher turns off \"Tutor learning\" for the class.",
     "Unless a teacher switches off Tutor Learning for the class, we use pupils' answers to improve our AI tutor.",
     False),
    # the company that shares is not who receives
    ("Brindle may share your song lyrics with our AI partners to improve auto-tagging, unless you opt out.",
     "Unless you opt out, your song lyrics may be shared by Brindle with our AI partners to improve auto-tagging.",
     False),
    # what the models do is no other kind of AI
    ("We may use your card payments to train machine learning models that spot fraud.",
     "We may use your card payments to train fraud-spotting machine learning models.", False),
    # consent said two ways, and the way to withdraw it merged in
    ("With your consent, we use your sleep diaries to train our AI coach. You can withdraw consent by emailing us.",
     "If you consent, we will use your sleep diaries to train our AI coach; you can withdraw your consent by "
     "emailing us.", False),
    # "if you opt out" is a way out, not consent; data is information
    ("If you opt out, we will not use your data to train these models from then on.",
     "If you object, we will not use your information to train these models from then on.", False),
    ("Larchwood uses information from your listings and your search activity to train the AI that ranks homes.",
     "Larchwood uses data from your listings and your search activity to train the AI that ranks homes.", False),
    # permission given, said two ways, and the way to take it back merged in
    ("With your permission, we use your receipts to improve our AI expense tagging. You can revoke permission in "
     "Settings.",
     "If you give us permission, we will use your receipts to improve our AI expense tagging; you may revoke that "
     "permission in Settings.", False),
    # a right to object and how to use it, merged into one sentence
    ("If you live in the EU, you can object to this use of your posts for AI training. You can object through the "
     "form in our Help Center.",
     "If you live in the EU, you can object to this use of your posts for AI training through the form in our Help "
     "Center.", False),
    # under consent the list is what is kept safe: a kind taken out of it may now be used without asking
    ("We will not use your voice notes or your photos to train our AI unless you opt in.",
     "We will not use your voice notes to train our AI unless you opt in.", True),
    ("Unless you opt in, we will not use your voice notes to train our AI.",
     "We will not use your voice notes to train our AI unless you opt in.", False),
    # a way out kept for members of one plan only
    ("Lark uses your chats to improve its AI models. You can turn this off in Settings > Privacy.",
     "Lark uses your chats to improve its AI models. If you are a Lark Plus subscriber, you can turn this off in "
     "Settings > Privacy.", True),
    # a limit said of the use before it ("for this purpose") added or dropped
    ("We use the reviews you write to train our ranking models.",
     "We use the reviews you write to train our ranking models. We never use reviews of clinics for this purpose.",
     True),
    ("We use the reviews you write to train our ranking models. We do not use reviews of clinics for this purpose.",
     "We use the reviews you write to train our ranking models.", True),
    # a limit narrowed or widened by words put in or taken out, but not by a longer product name
    ("We never use audio recordings to train our models.",
     "We never use audio recordings from doorbells to train our models.", True),
    ("We never use audio recordings from doorbells to train our models.",
     "We never use audio recordings to train our models.", True),
    ("Larkfile does not use the files you store to train AI models.",
     "Larkfile Drive does not use the files you store to train AI models.", False),
    # a switch is a switch wherever it is, and "on the web or in the app" is anywhere
    ("You can opt out of the use of your sketches to train our AI in the Privacy section of your profile.",
     "You can opt out of the use of your sketches to train our AI in your profile's Privacy section, on the web or in "
     "the app.", False),
])
def test_a_rewording_is_an_ai_change_only_when_its_substance_changes(old: str, new: str, ai_relevant: bool) -> None:
    assert changes_ai(old, new) == ai_relevant


def test_a_way_out_said_first_then_the_use_by_the_company_s_name_says_what_unless_you_opt_out_says() -> None:
    intro = '# Privacy Policy\n\nTallis Labs ("Tallis", "we") runs a recipe app.\n\n## AI\n\n'
    unless = "Unless you opt out, we use the recipes you publish to train our AI models."
    way_out_first = ("You can opt out in Settings; if you do not, Tallis uses the recipes you publish to train its AI "
                     "models.")
    assert not assess_texts(intro + unless, intro + way_out_first)[1].ai_relevant
    widened = way_out_first.replace("the recipes", "the recipes and private messages")
    assert assess_texts(intro + unless, intro + widened)[1].ai_relevant


def test_a_list_of_what_decides_what_you_are_shown_that_names_chats_with_an_ai_reuses_them() -> None:
    listed = ("To decide what to show you, we use information we have about you, including:\n\n"
              "* Your profile information\n* Posts you like or comment on\n* Interactions with our AI assistant\n")
    without_ai = listed.replace("* Interactions with our AI assistant\n", "")
    assert changes_ai(without_ai, listed)
    assert not changes_ai(without_ai, without_ai.replace("* Your profile information\n", "* Your profile\n"))


def test_an_assistant_a_document_names_is_its_ai_and_an_office_assistant_is_not() -> None:
    assert set(ai_names_in("When you chat with Orrie, our shopping assistant, we use your messages.").products) == {
        "Orrie"}
    assert not ai_names_in("Contact Jane, our office assistant, for help.").products


def test_an_ai_named_beside_its_maker_or_by_what_powers_it_is_the_documents_ai_and_a_product_using_ai_is_not() -> None:
    assert ai_names_in("Pip, Tallis's generative AI assistant, is built into Tallis Mail.").products >= {"Pip"}
    assert "Quillwrite" in ai_names_in("Quillwrite is powered by a third-party AI model.").products
    assert not ai_names_in("Seekr, Tallis's AI-powered search engine, answers questions.").products
    assert not ai_names_in("Tallis uses AI to detect spam in your inbox.").products  # a company that uses AI


def test_a_feature_named_for_what_it_generates_or_by_the_language_model_behind_it_is_the_documents_ai() -> None:
    assert "Dream Booth" in ai_names_in("Dream Booth lets you generate portraits of yourself in new places.").products
    assert "Scribe" in ai_names_in("When you use Scribe, the note you are editing is processed by a language model "
                                   "that we host.").products
    assert not ai_names_in("Tallis lets you create albums of your photos.").products  # creating is no generating
    assert not ai_names_in("When you use Tallis, your photos are processed by our servers.").products


def test_a_feature_named_for_the_ai_output_it_produces_or_the_ai_one_talks_to_is_the_documents_ai() -> None:
    assert "Tallis Digest" in ai_names_in("Tallis Digest produces AI summaries of long threads.").products
    names = ai_names_in("With Tallis Ride, riders can book a trip by talking to an AI assistant.")
    assert "Tallis Ride" in names.products
    assert not ai_names_in("Tallis produces reports of your spending.").products


def test_a_voice_or_face_in_the_name_of_an_ai_product_is_nobodys_likeness() -> None:
    names = ai_names_in("With Tallis Voice, riders can book a trip by talking to an AI assistant.")
    assert read_sentence("Replies from Tallis Voice are generated by AI and may be wrong.", names=names).category \
        == "ai_features"
    assert read_sentence("Tallis Voice can generate a copy of your voice with AI.", names=names).category \
        == "ai_likeness"


def test_a_setting_named_after_an_ai_use_is_the_way_out_of_it_and_who_may_use_it_is_substance() -> None:
    use = "Tallis shares short voice clips with an AI partner that trains its models."
    before = f"{use} Riders can turn off Voice for Research at any time."
    assert changes_ai(before, f"{use} Riders who joined after 1 May 2025 can turn off Voice for Research at any time.")
    assert not changes_ai(before, f"{use} Riders may switch off Voice for Research whenever they like.")


def test_an_administrator_made_the_one_who_decides_is_substance() -> None:
    excluded = "Orders placed through Tallis for Business are excluded from model training"
    assert changes_ai(f"{excluded}.", f"{excluded} if the company admin turns on Training Exclusion.")
    assert not changes_ai(f"{excluded} if your admin turns on Training Exclusion.",
                          f"{excluded} if your administrator switches on Training Exclusion.")


def test_the_company_by_its_name_or_as_us_and_adults_as_those_over_18_say_the_same() -> None:
    use = "Tallis may use photos you upload to train its image models."
    assert not changes_ai(f"{use} You can ask Tallis not to by writing to privacy@tallis.example.",
                          f"{use} You can ask us not to by writing to privacy@tallis.example.")
    assert not changes_ai(f"{use} Adults can opt out in Privacy settings.",
                          f"{use} Members who are 18 or older can opt out in Privacy settings.")
    assert changes_ai(f"{use} Adults can opt out in Privacy settings.",
                      f"{use} Members who are 21 or older can opt out in Privacy settings.")


def test_with_your_permission_is_if_you_agree_and_withdrawing_it_is_changing_your_mind() -> None:
    assert not changes_ai("With your permission, Tallis uses your chats with Tallis AI to make our models better. "
                          "You can withdraw your permission at any time in Settings.",
                          "If you agree, Tallis will use your chats with Tallis AI to improve its models. "
                          "You are free to change your mind whenever you like from Settings.")


def test_a_passage_reordered_around_a_sentence_reworded_in_place_is_read_as_one_passage() -> None:
    use = "We use your recordings to improve our speech models"
    before = f"{use}. Recordings are kept for 30 days. You can turn this off under Settings > Privacy."
    assert not changes_ai(before, f"{use}, as set out here. You can switch this off under Settings > Privacy. "
                                  "We keep recordings for 30 days.")
    assert changes_ai(before, f"{use}, as set out here. You can switch this off under Settings > Privacy. "
                              "We keep recordings for 90 days.")


def test_a_sentence_rewritten_past_an_edit_in_place_is_compared_by_what_it_claims_unless_its_bounds_move() -> None:
    assert not changes_ai("Session notes and messages with your Tallis coach are never used to train AI models or "
                          "shared with AI providers.",
                          "Tallis never uses your messages with your coach or your session notes to train AI models, "
                          "and does not share them with AI providers.")
    assert changes_ai("Turning off “AI training” in your account applies on all your devices.",
                      "Turning off “AI training” applies only on the device where you change it.")


def test_a_name_at_the_edge_of_where_names_are_looked_for_is_read_whole() -> None:
    for filler in range(130, 170, 3):  # the name falls across the window's end, which lies 160 characters on
        text = "We use machine learning. " + "x" * filler + " Ranking models that power Tallis Alerts learn."
        assert ai_names_in(text).products == {"Tallis Alerts", "Alerts"}, filler


def test_a_name_the_document_gives_its_ai_is_found_whatever_the_case_of_its_later_words() -> None:
    names = ai_names_in("Search now includes an AI-enhanced answer feature, Quick Chat, which answers.")
    assert read_sentence("Quick chat can summarise the page you are viewing.", names=names).category == "ai_features"
    assert read_sentence("The quick chat can summarise the page you are viewing.", names=names).category is None


# A small edit inside a long AI clause: the clause's other clauses set the terms of the use.
LONG_USE = ("When you publish a board on Pinwheel, we may use its public photos and captions to train the AI models "
            "behind our design suggestions; {terms}, and boards from accounts of people under 18 are never used.")


@pytest.mark.parametrize(("old_terms", "new_terms", "changed"), [
    ("this is off by default and you can switch it on in Settings",
     "this is on by default and you can switch it off in Settings", True),
    ("the photos are processed only by automated systems", "the photos are processed by automated systems and "
     "human reviewers", True),
])
def test_the_terms_a_long_ai_clause_sets_in_its_other_clauses_are_its_substance(old_terms: str, new_terms: str,
                                                                                  changed: bool) -> None:
    assert changes_ai(LONG_USE.format(terms=old_terms), LONG_USE.format(terms=new_terms)) is changed


@pytest.mark.parametrize(("old_time", "new_time", "changed"), [
    ("for up to six months", "for up to ten years", True), ("for up to six months", "for up to 6 months", False),
    ("for up to six months", "for a maximum of six months", False)])
def test_how_long_a_use_keeps_the_data_it_trains_on_is_its_substance(old_time: str, new_time: str,
                                                                     changed: bool) -> None:
    use = "We may keep the public photos of your boards {} and use them to train the AI models behind our suggestions."
    assert changes_ai(use.format(old_time), use.format(new_time)) is changed


def test_an_age_limit_said_after_the_use_is_its_substance() -> None:
    assert changes_ai(LONG_USE.format(terms="this is off by default"),
                      LONG_USE.format(terms="this is off by default").replace("under 18", "under 13"))


def test_when_a_limit_deletes_chats_is_no_change_in_how_long_a_use_keeps_them() -> None:
    assert not changes_ai("Temporary chats are deleted after 30 days and are not used to train our models.",
                          "Temporary chats are deleted after 14 days and are not used to train our models.")


def test_one_denial_of_two_made_a_use_is_a_change_and_a_denial_said_twice_is_not() -> None:
    denied = ("We delete your selfies within a day, we do not use them to train our image models, and we do not "
              "share them with anyone.")
    assert changes_ai(denied, denied.replace("we do not use them", "we may use them"))
    assert not changes_ai("Pinwheel will never use your health data to train AI models.",
                          "Pinwheel does not and will not use your health data to train AI models.")
    assert not changes_ai("We do not share your voice notes with third parties for their AI.",
                          "**Are they shared for others' AI?** No. Pinwheel does not share your voice notes with "
                          "third parties for their AI.")


def test_a_plan_added_to_a_list_of_plans_is_no_product_renamed() -> None:
    assert changes_ai("We may use prompts from Free and Plus accounts to train our AI models.",
                      "We may use prompts from Free, Plus and Team accounts to train our AI models.")


def test_who_receives_is_read_past_the_name_of_the_ai_it_is_about() -> None:
    assert not changes_ai("We share your interactions with Pinwheel's AI features with our cloud providers.",
                          "We share your interactions with Pinwheel's artificial intelligence features with our "
                          "cloud providers.")


def test_a_long_ai_sentence_split_in_two_keeps_its_denials() -> None:
    assert not changes_ai("We use automatically generated transcripts of public videos to train the models that "
                          "create captions, but we do not use videos that creators have marked as unlisted.",
                          "We use automatically generated transcripts of public videos to train the models that "
                          "produce captions. Videos that creators have marked as unlisted are not used.")


def test_an_ai_use_turned_on_by_default_in_place_is_high() -> None:
    use = ("We may use your drafts to train the language models behind Quill; this is {} by default and you can "
           "switch it {} under Settings > Privacy.")
    _, assessment = assess_texts(with_paragraph(POLICY, use.format("off", "on")),
                                 with_paragraph(POLICY, use.format("on", "off")))
    assert (assessment.severity, assessment.summary) == ("high", "AI use turned on by default")
    _, back = assess_texts(with_paragraph(POLICY, use.format("on", "off")),
                           with_paragraph(POLICY, use.format("off", "on")))
    assert back.ai_relevant and back.severity != "high"


VOICE_NOTES = ("When you record a voice note in Tallow, we keep the recording for twelve months, use it to improve "
               "the speech models behind Tallow Transcribe after removing names and phone numbers, never use "
               "recordings from accounts of people under 16 for this purpose, and do not share recordings with any "
               "AI provider outside Fernbrook.")
VOICE_NOTES_SPLIT = ("When you record a voice note in Tallow, we keep the recording for 12 months. After names and "
                     "phone numbers are removed, recordings are used to improve the speech models behind Tallow "
                     "Transcribe. Recordings from accounts of people under 16 are never used for this purpose. No AI "
                     "provider outside Fernbrook receives them.")


def test_an_ai_passage_split_or_merged_in_other_words_is_no_change() -> None:
    assert not changes_ai(VOICE_NOTES, VOICE_NOTES_SPLIT)
    assert not changes_ai(VOICE_NOTES_SPLIT, VOICE_NOTES)  # merged back into one


@pytest.mark.parametrize("hidden", [
    ("for 12 months", "for 36 months"),  # kept longer
    ("under 16", "under 13"),  # fewer people left out
    ("No AI provider outside Fernbrook receives them.",
     "No AI provider outside Fernbrook receives them, except Quorra Labs, which hosts the models."),  # a recipient
    ("Recordings from accounts of people under 16 are never used for this purpose.",
     "Recordings from accounts of people under 16 are used for this purpose only with a parent's consent."),
    ("After names and phone numbers are removed, recordings",
     "After names and phone numbers are removed, recordings and the photos you attach"),  # more data
])
def test_a_change_hidden_in_such_a_rewrite_is_still_found(hidden: tuple[str, str]) -> None:
    assert changes_ai(VOICE_NOTES, VOICE_NOTES_SPLIT.replace(*hidden))


def test_a_way_out_split_off_to_say_where_its_setting_is_is_no_change() -> None:
    old = ("Orrel Docs uses usage signals to improve its AI writing features, and admins can switch this off in the "
           "Admin Console under AI Controls.")
    new = ("Orrel Docs uses usage signals to improve its AI writing features. Admins can switch this off. The setting "
           "is in the Admin Console, under AI Controls.")
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("Admins can", "Admins cannot"))
    assert changes_ai(old, new.replace("usage signals", "usage signals and your documents"))


def test_an_item_appended_to_an_ai_list_is_no_rewrite() -> None:
    lead_in = "Orrel uses the following to train its AI models:\n- your workout history\n- the goals you set"
    assert changes_ai(lead_in + "\nYou can stop this in Settings.",
                      lead_in + "\n- heart rate and sleep data from connected devices\nYou can stop this in Settings.")


def test_a_use_unless_you_opt_out_is_a_use_if_you_have_not_opted_out() -> None:
    old = "Orrel uses your listening history to train a model that suggests playlists, unless you have opted out."
    new = "If you haven't opted out, Orrel uses your listening history to train a model that suggests playlists."
    assert not changes_ai(old, new)
    assert changes_ai(old, "If you haven't opted in, Orrel uses your listening history to train a model that "
                           "suggests playlists.")


def test_data_described_in_other_words_is_the_same_data() -> None:
    old = "Orrel does not use the contents of your reviews or your order history to train generative AI models."
    new = "Orrel does not use what you write in reviews, or your order history, to train generative AI models."
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace(", or your order history,", ""))


@pytest.mark.parametrize(("old", "new", "changed"), [
    ("Turning off Photo Learning removes all of your photos from that training, including ones you uploaded before.",
     "Switch off Photo Learning and all of them are taken out of that training, earlier uploads included.",
     "Switch off Photo Learning and new uploads are kept out of that training; earlier uploads stay in it."),
    ("Orrel may utilise Content submitted by Users for the purposes of training and enhancing its machine learning "
     "models.", "We may use the content you submit to train and improve our machine learning models.",
     "We may use the content and private messages you submit to train and improve our machine learning models."),
])
def test_a_clause_in_plainer_words_is_no_change(old: str, new: str, changed: str) -> None:
    lead = "Orrel uses your profile photos to train the AI that suggests matches. "
    assert not changes_ai(lead + old, lead + new)
    assert changes_ai(lead + old, lead + changed)


def test_a_use_only_after_you_have_opted_in_is_a_use_unless_you_opt_in() -> None:
    old = "Orrel does not use your consultation notes to train its AI symptom checker unless you opt in under Choices."
    new = ("Your consultation notes are used to train Orrel's AI symptom checker only after you have opted in under "
           "Choices.")
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("only after you have opted in", "unless you have opted out"))


def test_a_way_out_under_a_bold_title_says_what_it_says_without_the_title() -> None:
    use = "Orrel uses your voice commands to train its speech models.\n\n"
    old = use + ('* **Audio data:** You can turn off "Use my recordings for improvement" in Settings > Privacy at any '
                 'time.')
    new = use + 'At any time you can switch off "Use my recordings for improvement" in Settings > Privacy.'
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("At any time you can", "Only on the web can you"))


def test_a_sentence_that_says_again_who_decides_on_the_use_before_it_is_a_choice_about_it() -> None:
    use = "Orrel's AI leasing assistant learns from tenants' messages to their property manager. "
    old = use + "Each tenant can choose in the resident portal whether their messages are used."
    assert changes_ai(old, use + "The landlord decides for all tenants in a building whether their messages are used.")
    assert changes_ai(use + "Only messages sent after you join are used.",
                      use + "Messages sent before and after you join may be used.")
    # what the same things are used for besides is another use, read by its own words
    assert not changes_ai(use + "Their messages are used to send rent reminders.",
                          use + "Their messages are used to send rent and repair reminders.")


def test_an_item_dropped_from_a_way_out_is_found_though_its_words_are_written_elsewhere() -> None:
    table = ("\n\nResume Coach suggests clearer wording for your work history.\n\n| Kept | How long |\n|---|---|\n"
             "| Applications | 3 years after the application |")
    old = ("Orrel trains its matching models on résumés and applications. When you turn it off, we stop using your "
           "résumé and application history to train our matching models.") + table
    assert changes_ai(old, old.replace("résumé and application history", "résumé"))
    assert not changes_ai(old, old.replace("résumé and application history", "application history and résumé"))


def test_a_recipient_called_outside_instead_of_third_party_and_a_purpose_said_with_can_are_the_same_sharing() -> None:
    old = "Orrel sends students' questions to a third-party AI model provider to generate hints."
    new = "Orrel passes students' questions to an outside AI model provider so that hints can be generated."
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("an outside AI model provider", "outside AI model providers and our affiliates"))


@pytest.mark.parametrize(("old", "new", "changed"), [
    ("Your workspace admin decides whether Orrel may use your meeting transcripts to improve its AI summaries.",
     "Whether your meeting transcripts can be used to improve Orrel's AI summaries is up to your workspace admin.",
     "Orrel uses your meeting transcripts to improve its AI summaries."),
    ("If your employer gives you Orrel, you decide whether your activity data is used to train our AI coaching models.",
     "When Orrel comes through your employer, the choice of whether your activity data trains our AI coaching models "
     "is yours.", "When Orrel comes through your employer, your activity data trains our AI coaching models."),
    ("Orrel asks whether we may use your symptom descriptions to train our AI triage tool.",
     "We'll ask if Orrel can train its AI triage tool on your symptom descriptions.",
     "Orrel may use your symptom descriptions to train its AI triage tool."),
])
def test_who_decides_said_in_other_words_is_the_same_choice(old: str, new: str, changed: str) -> None:
    assert not changes_ai(old, new)
    assert changes_ai(old, changed)


def test_an_age_said_as_or_older_is_the_same_age() -> None:
    old = "Orrel may use students' answers to improve its AI tutor, and students aged 13 or older can turn this off."
    assert not changes_ai(old, old.replace("aged 13 or older", "who are 13 or older"))
    assert changes_ai(old, old.replace("aged 13 or older", "who are 16 or older"))


def test_a_bound_said_with_a_denial_denies_nothing() -> None:
    old = "Orrel will notify you at least 30 days before we begin using your public posts to train AI."
    new = "We will give you no less than thirty days' notice before Orrel starts training AI on your public posts."
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("public posts", "public and private posts"))


def test_a_denial_of_selling_is_narrower_than_a_denial_of_sharing() -> None:
    old = "Orrel does not share your trip plans with outside AI companies."
    assert changes_ai(old, "Orrel does not sell your trip plans to outside AI companies.")
    narrowed = assess_texts(old, "Orrel does not sell your trip plans to outside AI companies.")[1]
    assert narrowed.severity == "high" and "now denies only selling" in narrowed.summary
    assert not changes_ai(old, "Your trip plans are not shared with outside AI companies by Orrel.")
    assert " may sell your " in assess_texts("", "Orrel may sell your trip plans to outside AI companies.")[1] \
        .findings[0].reading


def test_a_choice_someone_else_makes_says_who_makes_it() -> None:
    use = "Orrel's AI leasing assistant learns from tenants' messages. "
    findings = assess_texts(use, use + "Your landlord decides whether your messages are used.")[1].findings
    assert [f.reading for f in findings if f.category == "ai_opt_out"] == [
        "The landlord decides whether the platform uses your messages for AI"]


def test_two_ai_sentences_rewritten_as_two_others_are_no_change() -> None:
    old = ("We keep your voice recordings for 12 months. During that time we may use them, with names removed, to "
           "improve the speech models behind Tallow Transcribe.")
    new = ("Once names are taken out, your voice recordings may be used to improve the speech models behind Tallow "
           "Transcribe. Recordings are kept for twelve months.")
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("twelve months", "three years"))


SUMMARIES = ("When you use Smart Summaries, the text of the note you select is sent to our model provider, Quillon "
             "Systems, which processes it only to return a summary to you, may not use it to train its own models, "
             "and must delete it within 30 days; we ourselves use summaries you rate to improve our ranking models, "
             "but never notes stored in locked folders, and you can turn this off under Settings > Privacy.")
SUMMARIES_SPLIT = ("When you use Smart Summaries, the text of the note you select is sent to Quillon Systems, our "
                   "model provider. Quillon Systems processes that text only to return a summary to you, may not train "
                   "its own models on it, and deletes it within thirty days. We use the summaries you rate to improve "
                   "our ranking models. Notes stored in locked folders are never used for this, and you can switch it "
                   "off under Settings > Privacy.")


def test_a_denial_after_a_comma_is_read_in_its_own_clause() -> None:
    assert not changes_ai(SUMMARIES, SUMMARIES_SPLIT)
    assert changes_ai(SUMMARIES, SUMMARIES_SPLIT.replace("thirty days", "ninety days"))
    assert changes_ai(SUMMARIES, SUMMARIES_SPLIT.replace("Quillon Systems, our model provider",
                                                         "Quillon Systems and Ardent Labs, our model providers"))


def test_a_numbered_ai_list_made_prose_counts_no_item_numbers() -> None:
    listed = ("We use AI in Orrel as follows:\n\n1. A model reads your workout notes to suggest plans.\n"
              "2. We use your workout notes to train that model, with your name removed.\n"
              "3. Notes from accounts of people under 16 are never used for training.\n"
              "4. Notes used for training are kept for 18 months.")
    prose = ("We use AI in Orrel: a model reads your workout notes to suggest plans, and we use your workout notes, "
             "with your name removed, to train that model. Notes from accounts of people under 16 are never used for "
             "training, and notes used for training are kept for eighteen months.")
    assert not changes_ai(listed, prose)
    assert changes_ai(listed, prose.replace("eighteen months", "four years"))
    assert not changes_ai(listed, prose.replace("eighteen months", "a year and a half"))
    assert changes_ai(listed, prose.replace("eighteen months", "two and a half years"))


def test_a_section_number_a_verbs_ending_and_a_plural_in_ies_are_form_in_a_rewrite() -> None:
    old = ("Lumio can generate portraits of you from the selfies you upload, using an image generation model. "
           "Selfies are deleted after 30 days and are never used to train that model.")
    new = ("3.4 Portraits. Generating portraits of you from your uploaded selfies is done with an image generation "
           "model. The selfies are never used to train it. They are deleted after 30 days.")
    assert not changes_ai(old, new)
    assert changes_ai(old, new.replace("30 days", "90 days"))


def test_a_default_said_another_way_in_a_rewrite_is_no_change_but_a_default_turned_is() -> None:
    old = ("The Voice Match option is off by default; if you turn it on, recordings of your voice commands are linked "
           "to a random identifier and used to train our speech models.")
    new = ("Recordings of your voice commands are used to train our speech models only after you switch on Voice "
           "Match. Once you do, they are linked to a random identifier.")
    assert not changes_ai(old, new)
    turned = ("Recordings of your voice commands are used to train our speech models unless you switch off Voice "
              "Match. Until you do, they are linked to a random identifier.")
    assert changes_ai(old, turned)


def test_a_default_turned_in_a_rewritten_passage_is_a_change_when_both_ways_are_named_on_each_side() -> None:
    old = ("Voice Match is off by default. If you turn it on, recordings of your voice commands are used to train our "
           "speech models. Where your speaker allows, commands are processed on the speaker. Recordings are kept for "
           "a year. You can turn it off again at any time.")
    same = ("Recordings of your voice commands are kept for a year, and commands are processed on the speaker where "
            "it allows. Recordings are used to train our speech models only if you switch on Voice Match, which is "
            "off by default and can be turned off again at any time.")
    assert not changes_ai(old, same)
    assert changes_ai(old, same.replace("only if you switch on Voice Match, which is off by default",
                                        "unless you switch off Voice Match, which is on by default"))


def test_a_change_found_in_a_rewritten_passage_is_said_in_words() -> None:
    def summary(new: str) -> str:
        return assess_texts(with_paragraph(POLICY, SUMMARIES), with_paragraph(POLICY, new))[1].summary
    assert summary(SUMMARIES_SPLIT.replace("thirty days", "ninety days")) == "AI passage rewritten: 30 days → 90 days"
    assert summary(SUMMARIES_SPLIT.replace("Quillon Systems, our model provider", "Quillon Systems and Ardent Labs, "
                                           "our model providers")) == "AI passage rewritten: + Ardent Labs"


def test_a_product_renamed_to_a_name_with_ai_in_it_is_no_change_but_a_product_joined_is() -> None:
    clause = "Prompts you type into Lumo Sketch are used to improve Lumo Sketch and the models behind it."
    assert not changes_ai(clause, clause.replace("Lumo Sketch", "Lumo AI"))
    assert not changes_ai(clause, clause.replace("Lumo Sketch", "Sketch Assistant"))
    assert changes_ai(clause, clause.replace("into Lumo Sketch", "into Lumo Sketch and Lumo AI"))


def test_an_item_put_into_the_list_of_data_an_ai_clause_takes_is_a_change_but_an_example_is_not() -> None:
    clause = ("When you use Route Buddy, your questions and itinerary details are sent to a third-party AI model "
              "provider to generate suggestions.")
    assert changes_ai(clause, clause.replace("your questions and itinerary", "your questions, loyalty number and "
                                                                            "itinerary"))
    assert changes_ai(clause.replace("questions and", "questions, loyalty number and"), clause)
    assert not changes_ai(clause, clause.replace("itinerary details", "itinerary details, such as dates and cities,"))
    moved_out = clause.replace("questions and itinerary details", "questions") + " Itinerary details are sent too."
    assert not changes_ai(clause + " Itinerary details are sent too.", moved_out)


def test_a_menu_path_renamed_is_no_change() -> None:
    clause = "Opt out any time under Account > Privacy > Model training."
    assert not changes_ai(clause, clause.replace("Account > Privacy", "Account and privacy > Your data"))


def test_a_plan_added_to_the_plans_an_ai_clause_covers_is_a_change_but_a_plan_renamed_is_not() -> None:
    clause = ("If you use Orvalo Free or Orvalo Plus, you can stop your chats being used to train our models by "
              'turning off "Improve the model for everyone" in Settings.')
    assert changes_ai(clause, clause.replace("Orvalo Free or Orvalo Plus", "Orvalo Free, Orvalo Plus or Orvalo Team"))
    assert changes_ai(clause, clause.replace("Orvalo Free or Orvalo Plus", "Orvalo Free"))
    assert not changes_ai(clause, clause.replace("Orvalo Plus", "Orvalo Premium"))
    assert not changes_ai(clause, clause.replace("Settings", "Settings > Data & Privacy"))


def test_a_name_joined_to_what_an_ai_clause_covers_widens_it_but_a_longer_name_is_a_rename() -> None:
    clause = ("We may share the public posts and comments of adult members with other companies in our group so that "
              "they can develop and improve AI models.")
    assert changes_ai(clause, clause.replace("adult members", "adult members and Business Pages"))
    named = "Members of Brindle can turn off AI training on their uploaded photos in Settings > Privacy."
    assert not changes_ai(named, named.replace("Members of Brindle", "Members of Brindle Studio"))
    shared = "We share your prompts with Corvid Labs, our AI model provider, to generate answers."
    assert not changes_ai(shared, shared.replace("Corvid Labs", "Corvid AI"))


def test_a_default_turned_in_a_table_cell_or_a_deletion_put_off_is_a_change() -> None:
    row = ('| Setting | "Share chats to improve Orvalo" decides whether your chats are used to train our AI models '
           '| Default: On for new accounts | Change it in Settings |')
    assert changes_ai(row, row.replace("Default: On", "Default: Off"))
    assert not changes_ai(row, row.replace("Change it in Settings", "Change it any time in Settings"))
    deletion = ("When you delete a chat or switch off \"Save chat history\", the chat is removed from your account and "
                "deleted from our systems within 30 days, and it is not used to train our models after that.")
    assert changes_ai(deletion, deletion.replace("30 days", "18 months"))
    assert not changes_ai(deletion, deletion.replace("within 30 days", "within thirty days"))


def test_a_caseless_concept_finds_what_a_case_insensitive_regex_finds() -> None:
    """Concepts are matched on lower-cased text for speed (``CaselessPattern``); every match is re's own."""
    cases = yaml.safe_load((Path(__file__).parent / "data" / "classify.yaml").read_text(encoding="utf-8"))
    texts = [case["sentence"] for case in cases][::5] + [
        "Wir VERWENDEN İhre Daten, um KI-Modelle zu trainieren; We use YOUR posts to Train our AI Models.",
        "You MAY NOT use the Services to train any model. OPT-OUT in Settings > Privacy > AI.", "", "ß ſ K ﬁ",
        # parts that keep their case ("(?-i:[A-Z]…)"): a name, and the same words in lower case
        "Ask Lumora Assistant, or the assistant. Models provided by Acme Labs, and models provided by the vendor, "
        "help Acme improve Zed Core models; our vendors' models run by AcmeCloud help us improve."]
    patterns = {id(value): value for module in (concepts, classify) for value in vars(module).values()
                if isinstance(value, concepts.CaselessPattern)}
    assert len(patterns) > 80
    # a part that keeps its case inside a negative lookahead would refuse more in lower-cased text: matched as is
    patterns[0] = concepts.CaselessPattern(r"\bmodels\b(?!\s+(?-i:By\b))")
    texts.append("Models By Acme, models by Acme")
    for pattern in patterns.values():
        reference = re.compile(pattern.pattern, re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)], \
                (pattern, text)
            found, expected = pattern.search(text, 3), reference.search(text, 3)
            assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))


def test_a_choice_restated_or_a_kind_of_data_dropped_from_a_use_named_before() -> None:
    gate = "Brindle will not use the notes you dictate to train its speech models unless you opt in."
    restated = "Only if you opt in will the notes you dictate be used to train Brindle's speech models."
    assert not changes_ai(gate, restated)
    use = ("Brindle improves its reply suggestions by learning from how people use them. For this purpose we use your "
           "drafts, the suggestions you accept and any ratings you give.")
    assert changes_ai(use, use.replace("your drafts, ", ""))
    assert not changes_ai(use, use.replace("any ratings you give", "any ratings that you give"))


def test_a_way_out_two_sentences_after_the_use_it_refuses_is_read_with_that_use() -> None:
    use = ("We use the text you submit to train our translation models. Text from Business plans is never used for "
           "this purpose. All users can turn off this use under Account > Privacy.")
    assert changes_ai(use, use.replace("All users", "Users in the EEA and UK"))


def test_a_way_out_limited_to_some_places_says_which() -> None:
    clause = ("We use the text you submit to train our translation models. All users can turn off this use by "
              'switching off "Improve translations" under Account > Privacy.')
    limited = clause.replace("All users", "Users in the EEA and UK")
    assessment = assess_texts(with_paragraph(POLICY, clause), with_paragraph(POLICY, limited))[1]
    assert assessment.severity == "high"
    assert assessment.summary == "AI opt-out limited to some places; places named now: EEA, UK"
    widened = assess_texts(with_paragraph(POLICY, limited), with_paragraph(POLICY, clause))[1]
    assert "places no longer named: EEA, UK" in widened.summary


def test_a_way_out_reworded_or_written_to_another_address_is_the_same_way_out() -> None:
    use = "Brindle uses your voice commands to improve its voice assistant. "
    assert not changes_ai(use + "To ask us to stop, email privacy@brindle.example.",
                          use + "To ask us to stop, email ai-requests@brindle.example.")
    assert changes_ai(use + "To ask us to stop, email privacy@brindle.example.",
                      use + "To ask us to stop, write to us by post.")  # another way out
    admin = "Your workspace administrator decides whether Brindle may use your messages to improve its AI summaries."
    passive = ("Whether your messages may be used by Brindle to improve its AI summaries is decided by your "
               "workspace admin.")
    assert read_sentence(passive).category == "ai_opt_out"
    assert not changes_ai(admin, passive)
    objection = ("If you live in the EEA or the UK, you can object to Brindle using your chat messages to train its "
                 "safety AI by contacting our privacy team.")
    reworded = ("People in the UK or the EEA who do not want their chat messages used to train Brindle's safety AI can "
                "object by getting in touch with our privacy team.")
    assert not changes_ai(objection, reworded)
    assert changes_ai(objection, reworded.replace("UK or the ", ""))
    ages = ("Data from players under 16 is automatically excluded from Brindle's AI training data.",
            "When Brindle trains its AI, it automatically leaves out data from any player younger than 16.")
    assert not changes_ai(*ages)
    assert changes_ai(ages[0], ages[1].replace("16", "13"))


def test_abbreviations_spelled_out_and_a_provider_said_another_way_are_the_same_clause() -> None:
    short = ("Brindle uses public posts and comments to train its gen AI models, and does not use private posts or DMs "
             "for this purpose.")
    spelled = ("Brindle trains its generative artificial intelligence models on public posts and comments, and does "
               "not use private posts or direct messages for this purpose.")
    assert not changes_ai(short, spelled)
    assert changes_ai(short, spelled.replace(" or direct messages", ""))
    planner = ("Brindle's AI meal planner is powered by a third-party LLM, which receives your dietary preferences "
               "to generate weekly plans.")
    runs_on = ("The artificial intelligence meal planner in Brindle runs on a large language model supplied by a third "
               "party, and that model receives your dietary preferences in order to generate weekly plans.")
    assert not changes_ai(planner, runs_on)
    records = ("For the avoidance of doubt, Brindle does not, and will not, sell or share your health records with "
               "any third party for the purpose of training artificial intelligence models.")
    assert read_sentence(records).category == "ai_data_sharing"  # health records are people's data
    assert not changes_ai(records, (
        "Brindle does not and will not sell or share your health records with any third party to train artificial "
        "intelligence models."))


def test_a_kind_moved_from_a_denial_into_a_use_an_age_changed_and_and_made_or_are_substance() -> None:
    split = ("Brindle does not use posts in private groups, direct messages, or Stories to train its generative AI, "
             "although public posts and comments may be used for that purpose.")
    moved = split.replace("direct messages, or Stories", "direct messages").replace("posts and comments may",
                                                                                    "posts, comments and Stories may")
    assert changes_ai(split, moved)
    reworded = ("Public posts and comments may be used to train Brindle's generative AI, but Brindle does not use "
                "posts in private groups, direct messages, or Stories for that purpose.")
    assert not changes_ai(split, reworded)
    age = "We do not use photos from people under the age of 18 to train our generative AI models."
    assert changes_ai(age, age.replace("18", "16"))
    both = ("Video from your cameras is used to improve our person-detection models only if you have enabled Cloud "
            "Clips and have also joined the Research Program.")
    assert changes_ai(both, both.replace("and have also", "or have"))
    assert not changes_ai(both, both.replace(" also", ""))


def test_a_name_replaced_everywhere_is_renamed_but_a_recipient_replaced_is_another_company() -> None:
    old = ("# Contributor Terms\n\n## Dataset Licensing Program\n\nBrindle runs a Dataset Licensing Program through "
           "which collections of your photos are licensed to AI developers for training machine-learning models.\n\n"
           "AI-generated photos are not eligible for the Dataset Licensing Program.\n")
    renamed = old.replace("Dataset Licensing Program", "Training Data Program")
    assert not assess_texts(old, renamed)[1].ai_relevant
    assert assess_texts(old, renamed.replace("Training Data Program through", "Dataset Licensing Program through"))[
        1].ai_relevant  # the old name still written elsewhere: a second programme, not a new name
    shared = ("# Privacy Policy\n\n## AI\n\nWe share your prompts with Acme Labs, our AI provider, to power our "
              "assistant.\n")
    assert assess_texts(shared, shared.replace("Acme Labs", "Beta Systems"))[1].ai_relevant  # who receives changed
    plans = "# Privacy Policy\n\n## AI\n\nAll customers can turn off the use of their data for model improvement.\n"
    assert assess_texts(plans, plans.replace("All customers", "Enterprise customers"))[1].ai_relevant


def test_a_passage_moved_with_its_mode_renamed_throughout_is_no_change_but_another_mode_named_is() -> None:
    def policy(mode: str, moved: bool) -> str:
        passage = (f"Orvel offers a {mode} Chat mode for chats you do not want to keep. {mode} chats are left out of "
                   "your history and are not used to train our models. We keep them for up to 30 days to check for "
                   "abuse.\n")
        return ("Unless you switch it off (see “Your choices”), what you write to Orvel is used to train and improve "
                "the models behind it. Chats in Orvel Business workspaces are not used to train our models.\n"
                + ("" if moved else f"## 2. {mode} chats\n{passage}")
                + "## 3. Sharing\n| Research partners | To evaluate their own AI models, using de-identified samples "
                "of chats |\n| A buyer | If we sell our business |\n## 4. Your choices\n- Turn off **Help improve "
                "Orvel** to stop future chats from being used to train our models.\n"
                + (f"## 5. {mode} chats\n{passage}" if moved else "")
                + f"| Information | Kept for |\n| {mode} chats | Up to 30 days |\n"
                + ("## 6. Cookies\nWe do not use advertising cookies.\n" if moved else "")
                + "## 7. Children\n## 8. Changes\nWe will tell you before changes take effect.\n")
    old, new = policy("Quiet", moved=False), policy("Ghost", moved=True)
    assert not assess_texts(old, new)[1].ai_relevant
    both = new.replace("Ghost chats are left", "Ghost chats and Quiet chats are left")
    assert assess_texts(old, both)[1].ai_relevant  # a second mode the promise now covers


def test_the_maker_renamed_all_through_its_policy_is_form_even_where_it_receives_the_data() -> None:
    policy = ("# Brindle Privacy Statement\n\nBrindle collects the data you give Brindle. Brindle apps keep you "
              "signed in. Brindle does not sell your data.\n\n## Brindle for Schools\n\nAs with our business plans, "
              "information shared with Brindle for Schools is not used to train our models by default.\n\n"
              "Write to Brindle at privacy@brindle.example.\n")
    assert not assess_texts(policy, policy.replace("Brindle", "Quorra"))[1].ai_relevant
    provider = ("# Privacy Statement\n\nWe collect the data you give us.\n\n## Schools\n\nAs with our business "
                "plans, information shared with Acme Labs is not used to train our models by default.\n")
    assert assess_texts(provider, provider.replace("Acme Labs", "Beta Systems"))[1].ai_relevant  # named once: another


def test_a_way_to_opt_in_made_a_way_to_opt_out_is_a_change() -> None:
    use = "We use the pages you publish to fine-tune our site-design models. "
    assert changes_ai(use + "You can opt in under Settings > AI.", use + "You can opt out under Settings > AI.")
    assert not changes_ai(use + "You can opt out under Settings > AI.", use + "You may opt out in Settings > AI.")


def test_a_switch_on_from_the_start_made_off_from_the_start_is_a_change() -> None:
    use = "Brindle TV uses the commands you speak into the remote to train our speech models. "
    on = "The “Improve Voice” switch is enabled when you first set up your TV, and you can disable it in Settings."
    off = "The “Improve Voice” switch is disabled when you first set up your TV, and you can enable it in Settings."
    assert changes_ai(use + on, use + off)
    assert not changes_ai(use + on, use + on.replace("in Settings", "under Settings"))


def test_a_way_out_taken_or_named_by_a_pronoun_is_a_choice_about_the_use_before_it() -> None:
    use = "Brindle may use your chats with its nurse line to train its triage model. "
    past = "If you opt out, your choice covers both past and future chats."
    assert changes_ai(use + past, use + "If you opt out, your choice covers the chats you have after you make it.")
    assert not changes_ai(use + past, use + past + " Write to help@brindle.example with any questions.")
    assert changes_ai(use + "Sharing these chats is a condition of using the nurse line.",
                      use + "You can decline this in Settings and keep using the nurse line.")


def test_deleted_data_taken_out_of_training_data_is_a_limit_and_kept_in_it_or_only_no_longer_added_is_not() -> None:
    use = "Brindle uses episode transcripts to train its summary models. "
    removed = "Deleting an episode also removes its transcript from our training datasets."
    assert changes_ai(use + removed, use + "Deleting an episode removes it from your show, but transcripts already in "
                                           "our training datasets are kept.")
    assert changes_ai(use + removed, use + "Deleting an episode means its transcript is no longer added to our "
                                           "training datasets.")


def test_a_rule_that_opens_with_they_binds_whom_the_sentence_before_names() -> None:
    developers = "Developers who use the Brindle API must follow our developer terms."
    ban = " They may not use data obtained through the API to train machine-learning models."
    assert not changes_ai(developers, developers + ban)
    providers = "Our AI providers process your chats to answer you."
    assert changes_ai(providers, providers + " They may not use your chats to train their own models.")


def test_a_feature_renamed_throughout_is_renamed_in_the_first_cell_of_its_row_too() -> None:
    doc = ("# Brindle Browser and AI\n\n## Features\n\n- **Ask Brindle** answers questions in a side panel.\n\n"
           "When you use Ask Brindle, the page text and your question are sent to our servers.\n\n## Training\n\n"
           "| Feature | Data | Where | Used to train models |\n|---|---|---|---|\n"
           "| Ask Brindle | Page text, your questions | Cloud | No |\n| Tab Summary | Page text | Device | No |\n")
    renamed = doc.replace("Ask Brindle", "Brindle Chat")
    assert not assess_texts(doc, renamed)[1].ai_relevant
    trained = renamed.replace("your questions | Cloud | No", "your questions | Cloud | Yes")
    assert assess_texts(doc, trained)[1].ai_relevant


def test_consent_asked_made_a_notice_is_a_change_and_consent_reworded_is_not() -> None:
    asked = "We will not create AI-generated vocals in an artist's voice without that artist's written permission."
    assert changes_ai(asked, "We will not create AI-generated vocals in an artist's voice without first notifying that "
                             "artist.")
    assert not changes_ai(asked, "We will not create AI-generated vocals in an artist's voice without the written "
                                 "permission of that artist.")


def test_what_is_taken_out_before_data_is_sent_to_an_ai_provider_is_a_limit_of_that_sharing() -> None:
    sent = "Your question and the page text are forwarded to a third-party AI model provider that writes the answer. "
    stripped = "We strip your IP address and account identifiers from the request before forwarding it."
    assert changes_ai(sent + stripped, sent + stripped.replace(" and account identifiers", ""))
    assert not changes_ai(sent + stripped, sent + stripped.replace("We strip", "We remove"))


def test_we_made_the_companys_name_is_form_and_another_companys_partner_is_not() -> None:
    we = "We may share your requests with our AI voice partner. Our partner may not train its models on them."
    named = ("Brindle may share your requests with Brindle's AI voice partner. Brindle's partner may not train its "
             "models on them.")
    assert not changes_ai(we, named)
    assert changes_ai(we, we.replace("with our AI voice partner", "with Acme's AI voice partner"))


def test_a_use_that_trains_it_after_a_sentence_that_describes_the_ai_is_a_use_of_that_ai() -> None:
    coach = "Brindle's AI Photo Coach suggests which of your photos to show first. "
    opt_in = coach + "Your photos are not used to train it unless you opt in."
    opt_out = coach + "Your photos are also used to train it unless you opt out."
    assessment = assess_texts(with_paragraph(POLICY, opt_in), with_paragraph(POLICY, opt_out))[1]
    assert assessment.ai_relevant and assessment.severity == "high"
    assert not changes_ai(opt_in, coach + "It isn't trained on your photos unless you opt in.")


def test_a_group_excluded_from_the_use_before_is_a_limit_of_it() -> None:
    use = "Brindle uses the text you check to improve its grammar models. "
    old = use + "Business plan customers are excluded by default."
    assert changes_ai(old, use + "Business and Team plan customers are excluded by default.")
    assert not changes_ai(old, use + "Customers on the Business plan are excluded by default.")


def test_how_long_training_data_is_kept_is_substance_and_whether_or_not_denies_nothing() -> None:
    kept = ("Audio clips selected for model training are stored apart from your account and permanently deleted 30 "
            "days after they were recorded, whether or not they have been used to improve our speech models.")
    assert not read_sentence(kept).protection  # "whether or not they have been used" is no limit
    assert changes_ai(kept, kept.replace("30 days", "two years"))
    assert not changes_ai(kept, kept.replace("30 days", "thirty days"))


def test_a_two_word_feature_that_uses_ai_is_named_as_ai_but_a_company_that_uses_it_is_not() -> None:
    names = ai_names_in("Brindle Screen uses AI to answer calls from unknown numbers. Brindle Studio uses your "
                        "selfies to generate AI avatars of you. Acme uses AI to detect fraud.")
    assert {"Brindle Screen", "Brindle Studio"} <= names.products and "Acme" not in names.products
    assert read_sentence("Transcripts from Brindle Screen are used to improve how well it understands callers.",
                         names=names).category == "ai_training"
    maps = ai_names_in("Brindle Maps uses AI to suggest faster routes.")
    assert read_sentence("Our Train Travel feature shows you real-time train schedules in Brindle Maps.",
                         names=maps).category != "ai_training"  # the train one rides


def test_a_way_out_whose_list_is_written_out_is_the_same_unless_an_item_is_new() -> None:
    policy = '# Privacy Policy\n\nThis policy explains how Tripway Ltd ("we", "us") handles your data.\n\n## AI\n\n'
    listed = policy + ("If you opt out, we will stop using the following to train our models:\n\n"
                       "* the searches you run;\n* notes you add to a trip;\n* your ratings.\n")
    prose = policy + ("If you opt out, Tripway will stop using the searches you run, notes you add to a trip and your "
                      "ratings to train its models.\n")
    wider = policy + ("If you opt out, we will stop using the searches you run, notes you add to a trip, your ratings "
                      "and your messages to train our models.\n")
    assert not assess_texts(listed, prose)[1].ai_relevant and not assess_texts(prose, listed)[1].ai_relevant
    assert assess_texts(listed, wider)[1].ai_relevant


def test_a_consent_said_with_an_adverb_or_pointed_back_at_gates_the_same_use() -> None:
    never = ("We will never use your AI avatars, or the selfies used to create them, in advertising without your "
             "separate consent.")
    reworded = ("Your AI avatars and the selfies behind them won't appear in any advertising unless you separately "
                "agree to it.")
    assert not changes_ai(never, reworded)
    assert changes_ai(never, reworded.replace(" unless you separately agree to it", ""))
    assert read_sentence("No AI replica of your voice is created without that consent.").structure.modality \
        == "unless_consent"


def test_a_way_out_for_what_comes_after_that_date_only_is_narrower() -> None:
    old = ("If you opt out, Brindle will stop using your assignments for AI training and remove them from our "
           "training datasets.")
    new = ("If you opt out, Brindle will stop using assignments you submit after that date for AI training. "
           "Assignments you submitted earlier may remain in our training datasets.")
    assert changes_ai(old, new)


def test_people_who_read_what_is_used_is_a_limit_however_it_is_said() -> None:
    plain = "Your chats with Tally's assistant are used to improve its answers unless you turn off “Improve Tally”."
    read = ("Your chats with Tally's assistant may be read by human reviewers and used to improve its answers unless "
            "you turn off “Improve Tally”.")
    active = ("Members of our quality team may read your chats with Tally's assistant, and the chats may help improve "
              "its answers, unless you turn off “Improve Tally”.")
    assert changes_ai(plain, read)
    assert not changes_ai(read, active)
    assert not changes_ai("They are never reviewed by Tally staff.", "Tally staff do not review them.")


def test_a_limit_or_a_choice_about_licensing_to_ai_companies_is_read_with_the_licence_before_it() -> None:
    policy = ("# Privacy Policy\n\n## Licensing\n\nWe may license public posts to partners. Those partners include "
              "companies that use them to train artificial intelligence models. {limit}{choice}\n\n## Contact\n\n"
              "Write to us at privacy@tessel.example.\n")
    both = "Direct messages and posts in private groups are not licensed."
    assert assess_texts(policy.format(limit=both, choice=""),
                        policy.format(limit="Direct messages are not licensed.", choice=""))[1].ai_relevant
    choice = (" You can keep your public posts out of these licensing arrangements by turning off **Partner "
              "licensing** in **Settings > Privacy**.")
    assert assess_texts(policy.format(limit=both, choice=""), policy.format(limit=both, choice=choice))[1].ai_relevant


def test_what_a_provider_may_not_do_without_the_platforms_leave_and_who_you_are_it_receives_are_limits() -> None:
    banned = "Our contracts forbid these AI providers from using your questions to train their models."
    assert changes_ai(banned, banned.replace("models.", "models without our permission."))
    assert not changes_ai(banned.replace("models.", "models without our permission."),
                          banned.replace("models.", "models without our written consent."))
    receives = ("Summaries are written by a third-party AI provider, which receives the text of the thread but not "
                "your account details.")
    assert changes_ai(receives, receives.replace("thread but not your", "thread and your email address, but not "
                                                                        "your other"))


def test_a_way_out_that_no_longer_takes_back_what_was_used_is_narrower_however_it_says_so() -> None:
    removes = ("If you opt out, we stop using your recipes for training and remove them from existing training "
               "datasets.")
    future_only = ("If you opt out, we stop using your recipes for training from then on; recipes already in "
                   "training datasets stay there.")
    assert changes_ai(removes, future_only)
    assert not changes_ai(future_only, "If you opt out, we stop using your recipes for training going forward; "
                                       "recipes already in training datasets remain there.")


def test_a_sentence_that_now_names_a_use_for_ai_is_no_split_of_its_way_out() -> None:
    old = "We use your drawings to improve Sketchly's shape suggestions. You can turn this off under Account > Privacy."
    new = ("We use your drawings to train Sketchly's generative models and to improve its shape suggestions. You can "
           "turn this off under Account > Privacy.")
    assert changes_ai(old, new)


def test_a_limit_said_after_a_way_out_limits_the_use_that_way_out_is_from() -> None:
    old = "Unless you opt out, we may use content from the Tavi app and the Tavi API to improve our models."
    new = ("Unless you opt out, we may use content from the Tavi app to improve our models. Content sent through the "
           "Tavi API is never used for this.")
    assert changes_ai(old, new)
    switch = "We may use your text to improve Tavi's writing models. Turning off “Help improve Tavi” stops us from "
    assert changes_ai(switch + "using both your documents and your prompts for this.",
                      switch + "using your prompts for this; documents you upload may still be used.")


def test_this_does_not_include_is_a_limit_of_the_use_before_it() -> None:
    use = "We use de-identified usage data to improve the machine-learning models behind Smart Search."
    assert not changes_ai(f"{use} Customer Content is not used for this.",
                          f"{use}\nThis does not include Customer Content.")


def test_a_name_given_with_its_former_one_is_no_new_plan_or_partner() -> None:
    plans = "On the Tally Free and Plus plans, chats may be used to train our models unless you turn off Training."
    assert not changes_ai(plans, plans.replace("Plus plans", "Premium (formerly Plus) plans"))
    shared = "We share your messages with our affiliate Tally Labs to train its models."
    assert not changes_ai(shared, shared.replace("Tally Labs", "Tally Research (formerly Tally Labs)"))


def test_a_limit_that_points_back_with_they_limits_the_use_before_it_alike() -> None:
    old = ("Chats on Team and Enterprise plans are never used to train our models. On the Free and Plus plans, they "
           "may be used unless you turn off Model Training.")
    new = ("On the Plus and Free plans, chats may be used to train our models unless you turn off Model Training. On "
           "Enterprise and Team plans, they are never used.")
    assert not changes_ai(old, new)
    assert not changes_ai("Your code is sent to our AI model provider only to produce suggestions.",
                          "Your code goes to our AI model provider solely so that suggestions can be produced.")


def test_the_eea_named_by_its_members_and_users_in_other_countries_are_the_same_places() -> None:
    old = ("Tally does not use messages from users in the European Economic Area to train its AI models. Users "
           "elsewhere can opt out in Settings.")
    new = ("Tally does not use messages from users in the European Union, Iceland, Liechtenstein or Norway to train "
           "its AI models. Users in other countries can opt out in Settings.")
    assert not changes_ai(old, new)


def test_an_alert_says_in_words_that_people_now_read_what_is_used_or_that_nothing_is_taken_back() -> None:
    use = "Your chats with Tally are used to improve its answers unless you switch off “Improve Tally”."
    reviewed = assess_texts(use, use.replace("are used", "may be read by human reviewers and used"))[1]
    assert reviewed.severity == "high" and "people may now read what is used" in reviewed.summary
    way_out = "If you opt out, we stop using your chats for training and remove them from existing training datasets."
    kept = assess_texts(way_out, "If you opt out, we stop using your chats for training from then on; chats already "
                                 "in training datasets stay there.")[1]
    assert kept.severity == "high" and "what was already used is no longer taken back" in kept.summary


def test_an_act_said_again_as_it_does_so_is_qualified_as_that_act() -> None:
    use = "Brindle uses your voice notes to improve its transcription model."
    gated = use + " It does so only with your consent."
    assert not changes_ai(gated, "Only with your consent does Brindle use your voice notes to improve its "
                                 "transcription model.")
    assert changes_ai(gated, use + " It does so only for users in Canada.")
    assert changes_ai(use, gated)


def test_a_helper_named_in_apposition_or_for_ai_it_generates_is_an_ai_and_its_model_maker_a_provider() -> None:
    assert "Skyla" in ai_names_in("Tallis's virtual agent, Skyla, uses generative AI to rebook flights.").products
    assert not ai_names_in("Tallis's travel agent, Jane, uses your booking to plan trips.").products
    assert "Glow" in ai_names_in("When you use Glow, we create AI-generated portraits from your selfies.").products
    assert not ai_names_in("When you use Glow, we create albums from your selfies.").products
    assert "Varrow Labs" in ai_names_in("Zed, our AI coach, is powered by a model from Varrow Labs.").providers
    names = ai_names_in("Your questions are sent to the large language model behind Zed, which is provided by Quill.")
    assert "Quill" in names.providers
    assert not ai_names_in("Zed, our AI coach, is powered by a model from our own team.").providers
    assert "Assist" in ai_names_in("**Tallis Assist.** Assist can draft task lists using generative AI.").products
    assert not ai_names_in("**Tallis.** Tallis can draft task lists using generative AI.").products


def test_the_content_of_messages_names_messages_with_or_without_whose() -> None:
    said = "Brindle does not use the content of messages or files to train generative AI models."
    assert not changes_ai(said, "The content of your messages and files is never used to train generative AI models.")
    assert changes_ai(said, "Brindle does not use the content of messages to train generative AI models.")


def test_a_use_gated_on_a_yes_said_with_not_unless_or_only_after_is_the_same_gate() -> None:
    assert not changes_ai("Brindle will not share your trip history with AI partners unless you say yes in Settings.",
                          "Brindle will share your trip history with AI partners only if you say yes in Settings.")
    asked = "Brindle will only use your driving data to train its pricing models with your permission."
    assert not changes_ai(asked, "Brindle uses your driving data to train its pricing models only after you agree.")
    assert changes_ai(asked, "Brindle uses your driving data to train its pricing models unless you object.")


def test_chats_with_an_ai_the_document_names_reused_to_sell_are_its_use_of_them() -> None:
    names = ai_names_in("Marla, your AI banking assistant, answers questions about your accounts.")
    assert read_sentence("We will not use your Marla conversations to market products to you.",
                         names=names).category == "ai_training"
    assert read_sentence("We will not use your Marla conversations to market products to you.").category is None


def test_a_plans_customers_named_either_way_and_an_ai_made_better_or_improved_are_the_same() -> None:
    assert not changes_ai("We never train on data from Enterprise customers; Team customers can opt out in Admin.",
                          "Data from customers on the Enterprise plan is never used for training; customers on the "
                          "Team plan can opt out in Admin.")
    assert changes_ai("We never train on data from Enterprise customers. Team customers can opt out in Admin.",
                      "We never train on data from Enterprise customers. Pro customers can opt out in Admin.")
    use = "Brindle may use your answers to compatibility questions to "
    assert not changes_ai(use + "improve its matching AI.", use + "make its matching AI better.")


def test_a_way_out_said_as_opting_stopping_or_choosing_a_label_and_a_year_said_in_months_are_the_same() -> None:
    kept = "If you opt in to Help Zed, we keep your chat transcripts for up to 12 months to train the assistant."
    assert not changes_ai(kept, "Opting in to Help Zed means Brindle keeps your chat transcripts for a maximum of one "
                                "year to train the assistant.")
    assert changes_ai(kept, kept.replace("12 months", "two years"))
    stop = ("Any participant can stop Brindle from using their voice to train our transcription model by choosing "
            "“Don't use my audio” when joining a call.")
    assert not changes_ai(stop, "When you join a Brindle call, choosing “Don't use my audio” keeps your voice out of "
                                "the training of our transcription model; every participant has this option.")


def test_a_use_read_by_people_made_one_that_no_human_reviews_is_a_change() -> None:
    reviewed = "Brindle employees may review samples of recordings to improve our transcription model."
    assert changes_ai(reviewed, "Samples of recordings may be used to improve our transcription model, with no human "
                                "review.")
    assert not changes_ai("We use your recordings to improve our model; they are never reviewed by people.",
                          "We use your recordings to improve our model; no person ever reviews them.")


def test_who_cannot_opt_out_and_who_may_object_at_any_time_are_said_of_the_way_out() -> None:
    way_out = "On every plan, workspace owners can opt out of Brindle using message data to train its AI models."
    assert changes_ai(way_out, way_out + " Free workspaces cannot opt out.")
    objection = "You can object at any time to Brindle using your account data to develop AI models, and we will stop."
    assert not changes_ai(objection, "If you object to Brindle using your account data to develop AI models, which "
                                     "you may do at any time, we will stop.")


def test_consent_said_before_or_after_the_use_it_gates_is_the_same_consent() -> None:
    asked = "We will ask for your consent before we use your photos to train our AI models."
    assert not changes_ai(asked, "Before we use your photos to train our AI models, we will ask for your consent.")
    assert changes_ai(asked, "Before we use your photos to train our AI models, we will tell you.")
    assert not changes_ai("We only use your photos to train our AI models if you agree.",
                          "If you agree, we use your photos to train our AI models.")


def test_an_age_said_in_words_or_as_who_is_left_out_below_it_is_the_same_age() -> None:
    use = "we may use your posts to train our AI models"
    assert not changes_ai(f"Unless you are under 18, {use}.", f"If you are 18 or older, {use}.")
    assert changes_ai(f"Unless you are under 18, {use}.", f"Unless you are under 16, {use}.")
    assert not changes_ai("Members aged 18 or over can opt out of AI training in Settings.",
                          "Members who are eighteen or older can opt out of AI training in Settings.")


def test_a_place_left_out_said_three_ways_and_a_provider_that_receives_said_either_way_are_the_same() -> None:
    use = "We may use your reviews to train our AI models"
    assert not changes_ai(f"{use}, except in the EU.", f"{use}, but not in the EU.")
    assert not changes_ai(f"{use}, except in the EU.", f"Outside the EU, {use[0].lower()}{use[1:]}.")
    assert changes_ai(f"{use}, except in the EU.", f"{use}, except in Canada.")
    assert not changes_ai("We send your questions to Quill Labs, a third-party AI provider, which may not keep them.",
                          "Quill Labs, a third-party AI provider, receives your questions and may not keep them.")


def test_an_age_bound_said_from_below_and_consent_given_expressly_are_the_same_terms() -> None:
    under_16 = "Brindle does not use recordings from players under 16 to train its models unless a parent agrees."
    assert not changes_ai(under_16, "Recordings from players aged 15 or younger are used to train Brindle's models "
                                    "only with a parent's agreement.")
    assert changes_ai(under_16, "Recordings from players aged 13 or younger are used to train Brindle's models only "
                                "with a parent's agreement.")
    assert not changes_ai("Brindle never uses your sleep logs to train AI models without your explicit consent.",
                          "Brindle uses your sleep logs to train AI models only after you have expressly agreed to it.")


def test_the_same_said_of_more_data_and_a_refusal_told_are_read_with_the_use_before_them() -> None:
    use = "Brindle uses the questions you type into its assistant to train its AI models."
    assert changes_ai(use, f"{use} The same applies to questions you ask by voice.")
    assert not changes_ai(use, f"{use} The same applies to our offices in Canada.")
    assert changes_ai(use, f"{use} Subscribers can tell us not to do this in Account > Privacy.")
    assert changes_ai(use, f"{use} If you do not want your questions used for this, contact our privacy team.")
    assert changes_ai(use, f"{use} You can tell us not to include your questions in either arrangement by email.")


def test_a_run_of_choices_after_a_use_is_read_back_to_that_use() -> None:
    use = "We review a sample of your clips to improve our AI detection models."
    toggle = "You can keep your clips out of this sample by turning off Clip Research in Settings."
    assert changes_ai(f"{use} {toggle}", f"{use} {toggle} Clip Research is off by default in the EU. Deleting a clip "
                                         "also removes it from that sample.")
    assert changes_ai(use, f"{use} To have your labelled clips removed sooner, write to our privacy team.")
    assert changes_ai(use, f"{use} If you do not want your clips included, delete them.")
    assert changes_ai(use, f"{use} Clips from business accounts are never used for this work.")
    assert not changes_ai(use, f"{use} Our offices are closed on public holidays.")


def test_what_a_setting_only_applies_to_and_what_these_agreements_leave_out_are_said_of_the_use_before() -> None:
    licensing = "We may make public posts available to other companies under agreements to train their AI models."
    assert changes_ai(licensing, f"{licensing} Direct messages are never included in these agreements.")
    setting = ("Your texts are used to improve our translation models unless you switch on Keep my texts private. "
               "The setting is off by default.")
    assert changes_ai(setting, f"{setting} The setting only applies to texts submitted after you turn it on.")


def test_keeping_out_ones_own_things_that_the_use_before_takes_is_a_choice_about_it() -> None:
    use = "Recordings you transcribe as a volunteer may be used to train our handwriting-recognition model."
    assert changes_ai(f"{use} You can exclude your transcriptions in Volunteer Settings.",
                      f"{use} Volunteers cannot exclude their transcriptions.")
    assert not changes_ai(use, f"{use} You can remove your address from the volunteer directory.")


def test_not_unless_you_join_and_only_if_you_join_are_one_consent_gate() -> None:
    assert not changes_ai("Brindle will not use clips from indoor cameras to train its models unless you join the "
                          "Clip Donation programme.", "Brindle uses clips from indoor cameras to train its models only "
                                                      "if you join the Clip Donation programme.")
    assert not changes_ai("We will never use your sleep data to train our models unless you join the Research "
                          "Programme.", "Your sleep data is not used to train our models unless you have joined the "
                                        "Research Programme.")
    assert changes_ai("Brindle uses clips from indoor cameras to train its models only if you join the Clip Donation "
                      "programme.", "Brindle uses clips from indoor cameras to train its models unless you leave the "
                                    "Clip Donation programme.")


def test_a_use_that_can_be_stopped_or_disabled_offers_the_same_way_out_as_one_you_can_stop() -> None:
    use = "We use de-identified journal entries to improve our companion model."
    assert not changes_ai(f"{use} You can stop this at any time with the Improve Companion toggle.",
                          f"{use} This can be stopped at any time with the Improve Companion toggle.")
    assert changes_ai(use, f"{use} This can be disabled in Settings.")


def test_data_stripped_of_what_identifies_people_is_de_identified_data() -> None:
    shared = "Brindle shares de-identified symptom descriptions with an outside AI vendor that powers our checker."
    assert not changes_ai(shared, "To run our checker, Brindle passes symptom descriptions, stripped of identifying "
                                  "details, to an external AI vendor.")
    assert changes_ai(shared, "To run our checker, Brindle passes symptom descriptions, stripped of email addresses, "
                              "to an external AI vendor.")


def test_under_a_heading_of_an_ai_use_what_people_use_is_not_their_data_used() -> None:
    policy = ("# Privacy\n\n## How your photos help improve our AI\n\nWe may use the photos you back up to improve "
              "our AI.\n\nOur pricing model is based on the storage you use.\n\nWe may use your albums' captions too.")
    assert read_in_place("Our pricing model is based on the storage you use.", policy).category is None
    assert read_in_place("We may use your albums' captions too.", policy).category == "ai_training"


def test_what_that_recipient_may_keep_or_may_not_do_is_said_of_the_sharing_before_it() -> None:
    shared = "Your questions to Zed are processed by an outside AI provider."
    held = "That provider may hold your questions for up to 30 days to check for misuse."
    assert read_sentence(held).category is None
    assert read_in_place(held, f"{shared} {held}").category == "ai_data_sharing"
    assert changes_ai(shared, f"{shared} {held}")
    assert read_in_place("That provider answers within a second.", f"{shared} That provider answers within a "
                                                                    "second.").category is None


def test_ads_on_other_websites_are_a_narrower_limit_and_advertising_personalised_is_ads() -> None:
    limit = "We do not use your questions to our AI assistant to personalise advertising."
    assert read_sentence(limit).category == "ai_training"
    assert changes_ai(limit, limit.replace("advertising.", "advertising on other websites."))
    assert not changes_ai(limit, limit.replace("personalise advertising", "personalize advertising"))


def test_a_likeness_put_to_another_use_in_the_sentence_after_is_that_likeness_used() -> None:
    made = "Brindle builds your AI avatar from a face scan only if you choose Scan My Face."
    assert changes_ai(f"{made} Your scan is used only for your own avatar.",
                      f"{made} Your scan may also appear in promotional trailers featuring AI-generated characters.")
    generated = ("Creators on the Studio plan can turn on Private Mode, which keeps their generations out of model "
                 "training.")
    assert read_in_place("Images you generate may appear in the community gallery.",
                         f"{generated} Images you generate may appear in the community gallery.").category is None


def test_where_to_send_a_deletion_request_after_a_use_is_the_way_out_of_it() -> None:
    use = "Voice memos you record in the app are kept to train our melody models."
    assert changes_ai(f"{use} You can delete them at any time from Library > Voice Memos.",
                      f"{use} For deletion requests, contact us through the Help Center.")
    assert read_in_place("For deletion requests, contact us through the Help Center.",
                         f"{use} For deletion requests, contact us through the Help Center.").category == "ai_opt_out"


def test_choices_said_by_what_people_keep_out_or_would_rather_not_have_are_about_the_use_before() -> None:
    use = "Recordings of your coaching sessions are used to improve our AI voice models."
    for choice in ("Members who do not want their recordings used for this can fill in the opt-out form.",
                   "If you would prefer your sessions not to be recorded, tell your coach before you start.",
                   "You can ask for your recordings to be left out of this work in Settings > Privacy.",
                   "Deleting a session from your history also removes it from the sample we draw on.",
                   "Recording is controlled by the **Session Insights** setting in your profile."):
        assert read_sentence(choice).category is None
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
        assert changes_ai(use, f"{use} {choice}")
    billing = "Recordings of your coaching sessions are kept for billing."
    removed = "Deleting a session from your history also removes it from your invoices."
    assert read_in_place(removed, f"{billing} {removed}").category is None


def test_choices_said_by_preventing_switching_to_off_or_what_declining_costs_are_about_the_use_before() -> None:
    use = "Lesson recordings may be kept for a year and used to improve our pitch-tracking models."
    for choice in ("You can prevent this by turning off Practice Insights under Settings.",
                   "Switching this to Off stops new recordings from being collected.",
                   "Accounts opened after 1 June start with this setting turned off.",
                   "If you do not want your lessons used this way, tell your teacher and we will mark your account.",
                   "Pupils cannot opt out individually; their school decides.",
                   "Open Account > Privacy > Improve pitch tracking to change what your recordings are used for."):
        assert read_sentence(choice).category is None
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
    cost = "Declining will not affect your lessons in any way."
    ask = "We will ask whether your recordings may be used to improve our pitch-tracking models."
    assert read_in_place(cost, f"{ask} {cost}").category == "ai_opt_out"
    promise = "We never use your recordings to train AI models."
    assert read_in_place(cost, f"{promise} {cost}").category is None
    billing = "Lesson recordings are kept for a year for billing."
    assert read_in_place("Switching this to Off stops new recordings from being collected.",
                         f"{billing} Switching this to Off stops new recordings from being collected.").category is None


def test_more_choices_and_limits_read_in_their_place() -> None:
    use = "Clips you upload to Reelo are used to train our AI editing models."
    choice = "Creators can tick Keep my clips private, which keeps their uploads out of those models."
    limit = "Clips from Studio accounts are never used this way."
    assert read_in_place(limit, f"{use} {limit}").category == "ai_training"
    for said, category in (("Everyone else can switch the same setting off under Privacy.", "ai_opt_out"),
                           ("This box is ticked by default for creators who joined this year.", "ai_opt_out"),
                           ("To have these clips removed as well, write to our privacy team.", "ai_opt_out"),
                           ("Studios can exclude their company's footage from this in the admin console.",
                            "ai_opt_out")):
        assert read_sentence(said).category is None
        assert read_in_place(said, f"{use} {choice} {said}").category == category, said
    assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out"
    twin = "If you make a Reelo Double, we use photos of your face to build an AI likeness of you."
    shown = "Your Double can only appear in other people's clips if you allow it."
    assert read_in_place(shown, f"{twin} {shown}").category in RELEVANT
    assert read_in_place(shown, f"Reelo Double is a paid add-on. {shown}").category is None


def test_classifiers_that_learn_and_a_described_system_made_better_are_ai_trained_on_data() -> None:
    assert read_sentence("We keep reported messages for a year so our spam classifiers can learn to spot new "
                         "scams.").category == "ai_training"
    assert read_sentence("Searches are kept for six months to keep our machine-learned search and ranking models "
                         "accurate.").category == "ai_training"
    described = "Invoice scanning uses machine learning to read totals from the receipts you upload."
    improved = "Fixes you make to scanned totals are used to make the scanner more accurate for everyone."
    assert read_sentence(improved).category is None
    assert read_in_place(improved, f"{described} {improved}").category == "ai_training"
    assert read_in_place(improved, f"Invoice scanning is free on every plan. {improved}").category is None


def test_ai_processed_by_another_company_is_shared_and_training_managers_or_ai_agents_is_told_apart() -> None:
    for shared in ("Your spoken requests are processed by that manufacturer's AI under its own terms.",
                   "Prompts you enter are processed on our cloud partner's AI servers, which run the model for us."):
        assert read_sentence(shared).category == "ai_data_sharing", shared
    assert read_sentence("Your prompts are processed on our own servers.").category != "ai_data_sharing"
    assert read_sentence("Schools are responsible for training their teachers to use the reports fairly.").category \
        is None
    assert read_sentence("We use your chats to train our AI agents.").category == "ai_training"
    assert read_sentence("We use your chats to train our support agents.").category is None


def test_what_an_ai_feature_works_by_is_no_use_of_data_under_a_training_heading() -> None:
    page = ("## How we use your recordings to improve our AI\n\nWe use your voice recordings to train our speech "
            "models.\n\nOrla is the assistant built into your speaker; it uses AI to understand the requests you "
            "make.\n\nYou can switch this off in the app.")
    assert read_in_place("Orla is the assistant built into your speaker; it uses AI to understand the requests you "
                         "make.", page).category not in RELEVANT
    assert read_in_place("You can switch this off in the app.", page).category == "ai_opt_out"


def test_consent_exceptions_requests_and_resets_read_in_their_place() -> None:
    limit = "Tallyo does not use the audio of your calls to improve its AI models."
    exception = "The only exception is workspaces whose admin has agreed to share call audio with us."
    assert read_sentence(exception).category is None
    assert read_in_place(exception, f"{limit} {exception}").category == "ai_opt_out"
    use = "Notes you dictate to Tallyo are kept for 12 months for machine-learning purposes."
    for choice in ("Call clips are only uploaded after the account owner accepts the consent screen.",
                   "Admins can request earlier deletion from Settings > Data.",
                   "You can also reset what the app has learned from your notes under Settings > Voice.",
                   "You can also remove individual notes from our stored data by deleting them in the app.",
                   "Once the request has been processed, notes already kept are deleted within 30 days.",
                   "If you do not want your notes included in these research sets, write to us."):
        assert read_sentence(choice).category not in RELEVANT, choice
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
    billing = "Invoices are kept for 7 years to meet our tax duties."
    assert read_in_place("Admins can request earlier deletion from Settings > Data.",
                         f"{billing} Admins can request earlier deletion from Settings > Data.").category is None


def test_ways_out_said_by_their_effect_read_in_their_place() -> None:
    use = "Clips from your doorbell camera are used to train our AI detection models."
    for choice in ("Turning off Clip Insights stops clips from being uploaded.",
                   "To remove your past clips from the sample, use the form at example.com/withdraw.",
                   "You can mark any camera as excluded in the app.",
                   "Account owners may disable the retention of clips for every camera in the household.",
                   "Deleted clips are removed from the datasets we use within 30 days."):
        assert read_sentence(choice).category not in RELEVANT, choice
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
    kept = "You can delete your history at any time, and deleted clips are removed from our systems within 30 days."
    assert read_in_place(kept, f"{use} {kept}").category != "ai_opt_out"


def test_what_an_ai_makes_is_no_use_said_again_unless_made_from_your_data_or_by_another_company() -> None:
    shared = "Questions you ask Penny are sent to an outside AI provider to write its answers."
    disclaimer = "Answers from Penny are generated automatically and may contain errors."
    assert read_in_place(disclaimer, f"{shared} {disclaimer}").category not in RELEVANT
    choice = "If you do not want your Penny chats stored, you can delete your chat history."
    assert read_in_place(disclaimer, f"{choice} {disclaimer}").category not in RELEVANT
    made_by = "Answers from Penny are generated by that provider's servers in the US."
    assert read_in_place(made_by, f"{shared} {made_by}").category == "ai_data_sharing"


def test_a_choice_about_cookies_or_ads_is_not_about_the_ai_use_before_or_under_its_heading() -> None:
    page = ("## Your likeness\n\nWe use your selfies to build your AI avatar.\n\n"
            "You can withdraw your consent to non-essential cookies at any time in Cookie settings.\n\n"
            "You can opt out of personalised advertising in Ad Settings.")
    for choice in ("You can withdraw your consent to non-essential cookies at any time in Cookie settings.",
                   "You can opt out of personalised advertising in Ad Settings."):
        assert read_in_place(choice, page).category not in RELEVANT, choice
    assert read_in_place("You can turn this off in Settings.", page.replace(
        "You can withdraw your consent to non-essential cookies at any time in Cookie settings.",
        "You can turn this off in Settings.")).category in RELEVANT


def test_a_use_made_stronger_beside_the_same_way_out_is_reported_and_not_taken_for_a_merge() -> None:
    way_out = " You can opt out under Settings > Content."
    old = "# Privacy\n\nReelo may use the audio from your clips to improve its AI captioning models." + way_out
    assert changes_ai(old, old.replace("may use", "will use"))
    assert not changes_ai(old, old.replace("Settings > Content.", "Settings > Content preferences."))
    old = "# Privacy\n\nPhotos you upload may be used to train our spam detection models. You can ask us not to."
    assert changes_ai(old, old.replace("our spam detection models", "our generative photo filters"))


def test_a_way_out_no_longer_offered_to_everyone_is_a_change() -> None:
    use = "# Privacy\n\nWe may use the tracks you upload to train our AI mixing tools. "
    assert changes_ai(f"{use}Musicians on any plan can opt out in Studio Settings.",
                      f"{use}Musicians on the Pro plan can opt out in Studio Settings.")
    assert changes_ai(f"{use}Every member can opt out in Settings.", f"{use}Premium members can opt out in Settings.")
    assert not changes_ai(f"{use}At any time you can opt out in Settings.", f"{use}You can opt out in Settings.")


def test_a_ban_on_people_companies_or_organisations_is_a_rule_for_others() -> None:
    for ban in ("People and companies outside Zed may not scrape Zed or use clips taken from it to train AI models.",
                "Other organisations may not use content collected from our site to train AI models."):
        assert read_sentence(ban).category == "ai_features", ban
    assert read_sentence("Our partner companies may not use your messages to train their AI "
                         "models.").category == "ai_data_sharing"


def test_what_opting_out_removes_is_a_way_out_of_the_use_before() -> None:
    use = "We may license your public photos to companies that build AI image models."
    removes = "Opting out removes your photos from future licences."
    assert read_sentence(removes).category is None
    assert read_in_place(removes, f"{use} {removes}").category == "ai_opt_out"


def test_a_way_out_narrowed_beside_unchanged_sentences_is_no_split_or_merge() -> None:
    use = "# Privacy\n\nDesigns you make in Paletto can be used to train our layout model. "
    after = " When it is off, files in that workspace are not used for training."
    assert changes_ai(f"{use}Every workspace owner can turn this off in Settings > AI.{after}",
                      f"{use}Owners of Team workspaces can turn this off in Settings > AI.{after}")


def test_how_long_a_named_ai_provider_keeps_what_it_is_given_is_a_term_of_the_sharing() -> None:
    introduced = "When you ask for a draft, your prompt is sent to our AI partner, Northwind Labs.\n\n"
    old = introduced + "Northwind Labs writes the draft and does not keep your data after returning it."
    new = introduced + "Northwind Labs writes the draft and keeps your data for up to 30 days after returning it."
    assert changes_ai(old, new)
    assert read_sentence("Northwind Labs does not keep your prompts.", names=ai_names_in(introduced)).category == \
        "ai_data_sharing"


def test_a_limit_is_read_with_the_use_the_sentences_before_it_go_on_from() -> None:
    policy = ("# Privacy\n\nWe use the photos you post publicly to improve our AI models. "
              "This covers the captions you write for them, too. Accounts of people under 18 are excluded. "
              "We do not use photos you share only in direct messages for this purpose.")
    for limit in ("Accounts of people under 18 are excluded.",
                  "We do not use photos you share only in direct messages for this purpose."):
        reading = read_in_place(limit, policy)
        assert (reading.category, reading.protection) == ("ai_training", True)


def test_people_who_listen_to_what_a_choice_covers_change_it_and_taking_back_that_agreement_is_a_choice() -> None:
    use = "With your permission, we use short clips of your calls to improve our noise-suppression AI models. "
    old = use + "The clips are processed automatically, and you can withdraw permission in Settings."
    assert changes_ai(old, use + "Our staff may listen to some clips, and you can withdraw permission in Settings.")
    taken_back = "The clips are processed automatically, and you may take back that agreement in Settings."
    assert read_in_place(taken_back, with_paragraph(POLICY, use + taken_back)).category == "ai_opt_out"


def test_a_condition_said_of_the_use_before_is_the_same_condition_fronted_in_one_sentence() -> None:
    old = ("We and our AI partners use the recordings of your calls to improve our AI features. "
           "This happens only when you have turned on “Share call data”.")
    new = ("Only when you have turned on “Share call data” do we and our AI partners use the recordings of your calls "
           "to improve our AI features.")
    assert not changes_ai(old, new)
    assert changes_ai(old, old.replace("only when you have turned on", "unless you have turned off"))


def test_its_own_ai_product_renamed_throughout_is_form_even_where_it_is_sent_what_people_type() -> None:
    old = ("# Privacy Policy\n\nForge Assist, our AI coding assistant, suggests code as you type.\n\n"
           "Prompts you send to Assist may be processed by our AI providers to generate suggestions.\n\n"
           "You can turn Assist off in Settings.\n")
    renamed = old.replace("Assist", "Pairwise")
    assert not assess_texts(old, renamed)[1].ai_relevant
    assert assess_texts(old, renamed.replace("Prompts you send", "Prompts and files you send"))[1].ai_relevant


def test_the_rights_a_privacy_law_lists_are_no_choice_about_the_ai_use_before_them() -> None:
    policy = ("# Privacy\n\nWe use your chats with our assistant to improve the underlying AI models. "
              "You have the right to access, correct, delete or port your personal data, and to withdraw your consent "
              "where we rely on it.")
    rights = "You have the right to access, correct, delete or port your personal data, and to withdraw your consent " \
             "where we rely on it."
    assert read_in_place(rights, policy).category is None
    assert read_in_place("You can withdraw your consent to this at any time.", policy.replace(
        rights, "You can withdraw your consent to this at any time.")).category == "ai_opt_out"


def test_a_companys_partners_receive_what_is_disclosed_to_them_not_the_company() -> None:
    old = "Orrin does not share your viewing activity with advertising partners to train their AI models."
    new = "Your viewing activity is not disclosed to Orrin's advertising partners for training their AI models."
    assert not changes_ai(old, new)
    assert changes_ai(old, "Orrin shares your viewing activity with advertising partners to train their AI models.")


_ENROLMENT = ("# Privacy\n\nWith the Research Program, selected call transcripts are used to improve our AI models. "
              "Enrolment is off by default and an admin can withdraw it at any time.\n\n"
              "Workspace owners can turn off AI training for all members. Members cannot override this setting.")
_PROGRAMS = ("# Privacy\n\nWe use your dashcam clips to train our driving models only if you join the Road Data "
             "program. You can leave the program at any time in Settings.\n\n"
             "We use your recordings to improve our speech models only with your consent. Your consent lasts a year, "
             "and you may revoke it earlier in Settings.")


@pytest.mark.parametrize(("policy", "choice"), [
    # a default of enrolment, and a setting members cannot override
    (_ENROLMENT, "Enrolment is off by default and an admin can withdraw it at any time."),
    (_ENROLMENT, "Members cannot override this setting."),
    # leaving the program, and revoking the consent
    (_PROGRAMS, "You can leave the program at any time in Settings."),
    (_PROGRAMS, "Your consent lasts a year, and you may revoke it earlier in Settings."),
])
def test_a_choice_that_names_no_ai_is_about_the_use_before_it(policy: str, choice: str) -> None:
    assert read_in_place(choice, policy).category == "ai_opt_out"


def test_deleting_a_thing_that_removes_its_parts_from_the_use_before_is_a_choice_about_it() -> None:
    policy = ("# Privacy\n\nWe keep the scripts you voice and the audio we generate for 24 months so that our "
              "machine-learning models can be improved. Deleting a project removes its text and audio from this "
              "retention.")
    assert read_in_place("Deleting a project removes its text and audio from this retention.", policy).category == \
        "ai_opt_out"


def test_a_rows_data_sent_to_an_ai_company_under_the_column_of_recipients_is_shared_for_ai() -> None:
    table = ("# Privacy\n\n## Who receives your data\n\n| Data | Purpose | Recipients |\n|---|---|---|\n"
             "| Payment details | Processing payments | Coinward (payment processor) |\n")
    row = "| Voice notes | Drafting meeting summaries | Brightwave Labs (AI model host) |"
    assert read_in_place(row, f"{table}{row}\n").category == "ai_data_sharing"
    assert read_in_place(row.replace("AI model host", "hosting"), f"{table}{row}\n").category != "ai_data_sharing"
    assert read_in_place(row.replace("Brightwave Labs (AI model host)", "None"), f"{table}{row}\n").category != \
        "ai_data_sharing"
    # a one-row table run together with its header, as a page's text may give it
    assert read_sentence(f"Data | Purpose | Recipients: {row.strip('| ')}").category == "ai_data_sharing"
    assert changes_ai(table, f"{table}{row}\n")


def test_a_row_of_the_table_of_ai_providers_a_sentence_points_to_receives_what_the_sentence_hands_over() -> None:
    policy = ("# Terms\n\n## AI features\n\nWhen you use Quick Draft, your notes are processed by the AI model "
              "provider listed in the table below.\n\n| Provider | Feature | Location |\n|---|---|---|\n"
              "| Orvane Models Ltd. | Quick Draft | European Union |\n\n## Payments\n\nWe use these processors:\n\n"
              "| Provider | Service | Location |\n|---|---|---|\n| Coinward | Card payments | United States |\n")
    row = "| Tessaly Compute, Inc. | Quick Draft | United States |"
    with_ai_row = policy.replace("| European Union |\n", f"| European Union |\n{row}\n", 1)
    assert read_in_place(row, with_ai_row).category == "ai_data_sharing"
    assert changes_ai(policy, with_ai_row)
    payments = "| Coinward | Card payments | United States |"
    assert not changes_ai(policy, policy.replace(payments, f"{payments}\n| Paylo | Refunds | EU |"))


def test_future_versions_of_the_ai_developed_with_what_it_is_given_are_training() -> None:
    sentence = "Prompts typed into Genie on the Free plan may be reviewed to develop future versions of the feature."
    policy = f"# Privacy\n\nGenie, our AI assistant, answers your questions. {sentence}"
    assert read_in_place(sentence, policy, ai_names_in(policy)).category == "ai_training"


def test_data_sent_to_the_provider_the_sentence_before_names_as_another_companys_ai_is_shared_for_ai() -> None:
    intro = "For open-ended questions, Lumo uses a third-party generative AI provider to write the answer."
    sent = "In that case, the transcript of your request is sent to the provider."
    assert read_in_place(sent, f"# Privacy\n\n{intro} {sent}").category == "ai_data_sharing"
    assert read_in_place(sent, f"# Privacy\n\nLumo works with a payment provider. {sent}").category is None


def test_a_mode_that_keeps_things_out_of_the_use_before_is_a_choice_about_it() -> None:
    choice = "Premium members can turn on Studio Mode, which keeps their drafts out of those datasets."
    policy = f"# Privacy\n\nWe add public drafts to the datasets we use to train our writing models. {choice}"
    assert read_in_place(choice, policy).category == "ai_opt_out"


def test_a_use_when_you_allow_it_is_a_use_by_consent_however_the_permission_is_worded() -> None:
    allowed = "When you allow it, we use your step counts to evaluate and improve the models behind Stride Coach AI."
    permitted = ("If you give permission, your step counts are used by us to evaluate and improve the Stride Coach AI "
                 "models.")
    assert read_sentence(allowed).structure.modality == "unless_consent"
    assert not changes_ai(allowed, permitted)
    assert changes_ai(allowed, "We use your step counts to evaluate and improve the models behind Stride Coach AI.")


def test_a_second_provider_given_the_data_is_a_new_recipient_and_one_sent_the_data_by_any_verb_is_the_same() -> None:
    first = ("In this case your page images are transmitted to Quarlow, an external AI provider which reads the "
             "handwriting for us.")
    second = "The text read from your page images is then passed to Binsey, another AI provider, which corrects it."
    assert changes_ai(first, f"{first} {second}")
    sent = ("To make the summary, we send your search words and the text of the top five results to Quarlow, our AI "
            "provider.")
    transmitted = ("To make the summary, your search words and the text of the top five results are transmitted to "
                   "Quarlow, our AI provider.")
    assert not changes_ai(sent, transmitted)


def test_a_duration_or_an_age_said_in_words_is_the_same_as_in_numbers() -> None:
    kept = "Chats used to improve the assistant are kept for 18 months."
    assert not changes_ai(kept, kept.replace("18 months", "a year and a half"))
    assert not changes_ai(kept.replace("18 months", "12 months"), kept.replace("18 months", "a year"))
    assert changes_ai(kept, kept.replace("18 months", "a year"))
    under = "We do not use data from users under 16 to train our AI features."
    assert not changes_ai(under, "Data from users who are not yet 16 is not used to train our AI features.")
    assert changes_ai(under, "Data from users who are not yet 13 is not used to train our AI features.")


def test_the_same_choice_made_by_others_and_opting_out_that_keeps_what_was_used_are_choices_about_the_use() -> None:
    use = "Trip notes you save may be used to improve our route-suggestion models; you can switch off Use my notes."
    same = "Guides can make the same choice for their tour notes from the Guide Hub."
    assert read_sentence(same).category is None
    kept = "Opting out does not remove notes already used in a finished training run."
    for choice in (same, kept):
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice


def test_a_passage_that_cites_an_article_by_its_short_name_or_calls_a_voice_copy_a_version_says_the_same() -> None:
    old = ("We process your recipe photos to develop machine learning models on the basis of your consent "
           "(Art. 6(1)(a) GDPR), which you may withdraw at any time.")
    new = ("Legal basis for developing machine-learning models from your recipe photos: consent (Article 6(1)(a) "
           "GDPR). You can withdraw it at any time.")
    assert not changes_ai(old, new)
    voice = ("Parlo can read your messages aloud in a synthetic version of your own voice, created from your voice "
             "samples.")
    copy = ("Using voice samples you provide, Parlo can create a synthetic copy of your voice to read your messages "
            "aloud.")
    assert not changes_ai(voice, copy)


def test_a_purpose_or_a_recipient_pointed_back_at_is_the_ai_use_before_it() -> None:
    use = "We may use the snippets you send to improve our code-ranking machine learning models."
    for pointing_back in ("To opt out of having your snippets used for such purpose, change Sharing in Settings.",
                          "We will not use snippets for those purposes before 1 March 2027."):
        assert read_sentence(pointing_back).category is None, pointing_back
        assert read_in_place(pointing_back, f"{use} {pointing_back}").category in RELEVANT, pointing_back
    shared = "Your prompts are sent to third-party AI providers to generate each answer."
    for recipients in ("These transmissions are governed by the providers' privacy policies.",
                       "Those providers process prompts only for us and are bound by confidentiality obligations."):
        assert read_in_place(recipients, f"{shared} {recipients}").category == "ai_data_sharing", recipients
        assert read_in_place(recipients, f"We use AI to write answers. {recipients}").category not in RELEVANT


def test_a_default_said_in_the_future_and_a_switch_for_all_of_them_are_choices_about_the_use_before() -> None:
    use = "When Page Notes is on, the text of the page is sent to our AI subprocessor to write the note."
    for choice in ("If a new feature sends other data, the new feature will be off by default.",
                   "You can turn any or all of them on or off under Settings."):
        assert read_sentence(choice).category is None, choice
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
        assert read_in_place(choice, f"We list our features below. {choice}").category is None, choice


def test_consent_to_the_transfers_before_and_the_terms_of_a_provider_pointed_back_at_twice_are_that_sharing() -> None:
    named = "Voice Notes relies on outside AI providers, such as Velra, to transcribe what you record."
    sent = "Your recordings are transmitted to these providers for transcription."
    kept = "These transmissions are not stored by us once the transcript is back."
    consent = "By using Voice Notes, you consent to such transfers."
    policy = f"{named} {sent} {kept} {consent}"
    assert read_in_place(kept, policy).category == "ai_data_sharing"
    assert read_in_place(consent, policy).category == "ai_opt_out"
    assert read_in_place(consent, f"We keep your account details. {consent}").category is None


def test_a_way_out_named_by_its_noun_is_a_choice_about_the_use_before_it() -> None:
    use = "We may use the code you write in the editor to train our completion models."
    for choice in ("We honour opt-outs within 30 days of your request.",
                   "Withdrawal does not undo training already completed.",
                   "Objections from users in the EU are handled by our privacy team."):
        assert read_sentence(choice).category is None, choice
        assert read_in_place(choice, f"{use} {choice}").category == "ai_opt_out", choice
        assert read_in_place(choice, f"We keep your invoices for seven years. {choice}").category is None, choice
