"""Word lists and patterns for the blame checks (afterword.style.blame). English; edit with care."""

from __future__ import annotations

import re

from ..lazyre import LazyPattern

_I = re.I

# -- people -----------------------------------------------------------------------------------------

_ROLES = (
    r"engineers?|developers?|devs?|operators?|admins?|administrators?|sysadmins?|contractors?|employees?|"
    r"staff(?:\s+members?)?|team\s+members?|interns?|technicians?|maintainers?|programmers?|coders?|teammates?|"
    r"colleagues?|on-?call(?:\s+(?:engineer|person|responder))?|SREs?|DBAs?|individuals?|person|humans?|"
    r"author|reviewers?|committer|responder|analyst|agent|moderators?|volunteers?|staffers?|members?\s+of\s+(?:the|our)\s+\w+|(?:support|team)\s+(?:agent|member)"
)
_ROLE_ADJECTIVES = (
    r"junior|senior|new|lead|on-?call|staff|devops|support|database|site\s+reliability|release|backend|"
    r"frontend|platform|infrastructure|security|contract|single|individual|responsible|human|core|"
    r"sleep-deprived|tired|inexperienced|former|outside|external|third-party|remote|offshore"
)


def agent_pattern(company: str) -> re.Pattern[str]:
    """A person acting: "a developer", "one of our engineers", "a <Company> engineer", someone, he/she."""
    company = re.escape(company) + r"|" if company and company.strip() else ""
    return re.compile(
        rf"\b(?:(?:an?|the|one\s+of\s+(?:our|the)|our|their|his|her|another|that|this|any|every|no)\s+)"
        rf"(?:(?:{company}{_ROLE_ADJECTIVES}|[A-Z][\w.-]+)\s+){{0,2}}(?:{_ROLES})\b"
        rf"|\b(?:someone|somebody|he|she|him|herself|himself)\b",
        _I,
    )


# Words that put a fault on whoever acts in the same sentence.
FAULT = LazyPattern(
    r"\b(?:accidental(?:ly)?|mistaken(?:ly)?|inadvertent(?:ly)?|unintentional(?:ly)?|by\s+mistake|in\s+error|"
    r"forg[oe]t(?:ten)?|forgets|forgetting|misjudg\w*|misread|misconfigured|mis-?typ\w*|"
    r"careless\w*|lazy|laziness|negligen\w*|neglect\w*|overlook\w*|oversight|"
    r"fail(?:ed|s)?\s+to|did\s+not\s+(?:check|test|notice|follow|verify|review|bother|realise|realize|read)|"
    r"didn['’]t\s+(?:check|test|notice|follow|verify|review|bother|realise|realize|read)|"
    r"should\s+have|ought\s+to\s+have|mistakes?|blunder\w*|slip(?:ped)?\s+up|messed\s+up|screwed\s+up|"
    r"fat[- ]finger\w*|wrongly|incorrectly|deemed\s+it\s+good\s+enough|good\s+enough|"
    r"obviously\s+wrong|(?:ran|run|pushed|deployed|deleted|merged|applied|used|picked|selected|typed|edited|restarted|updated|changed|chose)\s+the\s+wrong|struggl\w*\s+to|(?:was|is)\s+short\s+on|without\s+(?:checking|testing|reading|review(?:ing)?)|rushed|hastily|"
    r"human\s+error|at\s+fault|(?:his|her|their)\s+fault)\b",
    _I,
)

# A slip that implies a person even without one named ("an accidental execution of a command",
# "was overlooked"); "we accidentally…" owns it and is fine.
SLIP = LazyPattern(
    r"\b(?:accidental(?:ly)?|typos?\]?\s+(?:was\s+|were\s+)?(?:introduced|made|committed)|"
    r"inadvert[ae]nt(?:ly)?\s+(?:moved|deleted|ran|run|pushed|committed|removed|dropped|deployed|executed|set|changed|merged|disabled)|"
    r"(?:was|were|been|got)\s+(?:overlooked|forgotten|neglected|missed)|misjudg\w*)\b",
    _I,
)
OWNING_SUBJECT = LazyPattern(r"\b(?:we|our\s+team|us)\b(?:\W+\w+){0,4}\W*$", _I)

# Phrases that blame a person on their own.
BLAME_ALONE = LazyPattern(
    r"\b(?:(?:human|operator|user|pilot|people|personnel)\s+errors?|careless(?:ly|ness)?|reckless(?:ly|ness)?|negligen(?:t|tly|ce)|"
    r"incompeten(?:t|ce)|sloppy|sloppiness|laziness|act\s+of\s+laziness|fat[- ]finger(?:ed|ing)?|"
    r"rogue\s+(?:engineer|employee|admin|developer)|blamed\s+on|"
    r"(?:his|her|someone['’]s|somebody['’]s)\s+(?:mistake|fault|negligence|oversight|carelessness|blunder)|"
    r"(?:the\s+)?fault\s+of\s+(?:a|an|the|one)\s+(?:\w+\s+){0,2}(?:engineer|developer|employee|operator|admin|person|individual|oversight)|"
    r"simple\s+oversight|someone\s+(?:forgot|neglected|overlooked|messed\s+up|screwed\s+up)|"
    r"should\s+have\s+been\s+(?:caught|noticed|tested|reviewed|spotted|checked)|(?:was|were)\s+never\s+(?:tested|reviewed|checked)|"
    r"(?:nobody|no\s+one)\s+(?:noticed|checked|reviewed|tested|caught|looked)|on-?call\s+(?:was|were)\s+(?:sleeping|asleep|away|not\s+paying)|"
    r"(?:was|were)\s+rushed|little\s+(?:oversight|review)|review\s+failure|nothing\s+was\s+done|who\s+made\s+the\s+mistake|"
    r"(?:are|were|is|was)\s+not\s+(?:prioriti[sz]ing|in\s+the\s+habit|paying\s+attention)|not\s+all\s+(?:\w+\s+){0,4}(?:are|were)\s+in\s+the\s+habit)\b",
    _I,
)

# A sentence that rejects blame: "While it can be attributed to human error, it is incorrect to
# focus on the individual", "this was not anyone's fault".
REJECTS_BLAME = LazyPattern(
    r"\bnot\s+(?:\w+\s+){0,3}(?:anyone['’]s|anybody['’]s|any\s+one\s+person['’]s|any\s+individual['’]s|an\s+individual['’]s|"
    r"one\s+person['’]s|the\s+individual['’]s|someone['’]s|a\s+single\s+person['’]s)\s+(?:fault|mistake|error)"
    r"|\b(?:incorrect|wrong|unfair|unhelpful|not\s+(?:helpful|useful|productive|right|fair))\s+to\s+(?:focus\s+on|blame|single\s+out|point\s+at)"
    r"|\b(?:no\s+one|nobody|no\s+single\s+person|no\s+individual)\s+(?:is|was|should\s+be)\s+(?:to\s+blame|at\s+fault|responsible|blamed)"
    r"|\bblameless|\brather\s+than\s+(?:blam\w+|focus\w*\s+on\s+(?:the\s+)?(?:individual|person|people))"
    r"|\bnot\s+(?:about|looking\s+to|trying\s+to|here\s+to|going\s+to|to)\s+(?:assign(?:ing)?\s+|place\s+|placing\s+)?blame"
    r"|\b(?:do|does|did|will)\s+not\s+blame|\b(?:don['’]t|won['’]t)\s+blame|\bisn['’]t\s+about\s+(?:who|blame)"
    r"|\bsystems?,?\s+not\s+(?:people|individuals|the\s+person)"
    r"|\bnot\s+(?:due\s+to|because\s+of|the\s+result\s+of|caused\s+by)\s+(?:a\s+|an\s+)?(?:human|individual|person|operator|engineer)",
    _I,
)

# -- suppliers --------------------------------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w&+'’.-]*[\w+]|[A-Z])"
_DOMAIN = r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|sh|dev|app|co|cloud|ai|so|me|run|page|xyz|tech|network)"
DOMAIN = LazyPattern(_DOMAIN)
# Well-known suppliers: a named third party even as the first word of a sentence.
KNOWN_VENDORS = frozenset("""
aws amazon google gcp azure microsoft cloudflare fastly akamai stripe adyen braintree paypal twilio
sendgrid mailgun postmark mailchimp github gitlab bitbucket datadog pagerduty okta auth0 heroku
digitalocean hetzner ovh ovhcloud linode vultr plaid truelayer gocardless xero quickbooks salesforce
zendesk atlassian slack apple netlify vercel fly.io render supabase firebase mongodb elastic
letsencrypt let's sentry npm docker dockerhub quay circleci travis vultr equinix level3
comcast verizon cogent zayo ntt telia godaddy namecheap route53 ns1 dyn oracle ibm alibaba
tencent backblaze wasabi bunny bunnycdn imperva sucuri incapsula mailjet sparkpost mandrill
intercom hubspot shopify square klarna checkout.com worldpay visa mastercard amex jsdelivr unpkg
digicert sectigo globalsign
""".split())

# Well-known vendors are parties however they are written ("until paypal resolve…").
_LOWER_VENDORS = r"npm|unpkg|jsDelivr|pypi|crates\.io|(?i:" + "|".join(re.escape(v) for v in sorted(KNOWN_VENDORS, key=len, reverse=True) if v.isalnum()) + r")(?![\w-])"
PARTY = rf"(?P<party>{_DOMAIN}|{_LOWER_VENDORS}|{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}(?:\s+v?\d+(?:\.\d+)*(?![\w.]))?)"
CAMEL = LazyPattern(r"[a-z][A-Z]|\d|\.")
PROPER = LazyPattern(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}(?:\s+v?\d+(?:\.\d+)*)?")

# A party doing what breaks things: "esm.sh deployed breaking changes", "AWS was down".
# Actions that are only blame when the sentence names harm ("esm.sh deployed breaking changes that
# caused…"; not "Erigon released the fix").
_ACTION_VERBS = r"deployed|pushed|released|shipped|rolled\s+out|introduced|changed|removed|deprecated"
HARM = LazyPattern(r"\b(?:caus\w*|broke|break\w*|fail\w*|errors?|outages?|incidents?|bugs?|buggy|regress\w*|incompatib\w*|disrupt\w*|down|faulty|bad|wrong)\b", _I)
_CAUSE_VERBS = (
    r"broke|caused|causing|rejected|revoked|return(?:ed|ing)\s+errors|served\s+errors|was\s+stuck|got\s+stuck|crashed|was\s+crashing|"
    r"(?:heavily\s+|massively\s+)?(?:utili[sz]ed|spammed|flooded|hammered|overloaded|abused|scraped)|"
    r"blocked|throttled|rate-limited|failed|failing|went\s+down(?!\s+to)|(?:was|were|is|are)\s+(?:at\s+fault|to\s+blame|responsible)|"
    r"not\s+(?:being\s+(?!\w+(?:ed|pt|en)\b)|preventing|handling|honou?ring|supporting|validating)|"
    r"(?:had|has|experienced|suffered)\s+(?:an?\s+|another\s+|a\s+major\s+|a\s+large\s+)?(?:\w+\s+)?(?:outage|incident|failure|problem|issue|bug|disruption|degradation)s?|"
    r"made\s+(?:a\s+)?(?:breaking\s+)?changes?|stopped\s+(?:working|responding|accepting|sending|serving|communicating)|"
    r"(?:silently\s+|suddenly\s+|unexpectedly\s+)?(?:dropped|deleted|suspended|terminated|disabled|flagged)"
)
# Words after a product name that make it our work on that product ("the Traefik change which
# caused…", "Traefik v2 configuration caused…"), or end the clause.
_OURS_ON_IT = r"(?i:which|that|who|as|to|is|are|was|were|been|be|still|and|or|but|of|in|on|for|with|from|changes?|configuration|config|setup|dashboard|rules?|migration|upgrade|rollout|network|traffic)"
_ADVERBS = r"(?:had|has|have|also|then|suddenly|unexpectedly|silently|abruptly|again|currently)"
# Up to three words may stand between the party and its verb ("Traefik v2 official API schema not preventing…").
PARTY_AS_CAUSE = LazyPattern(
    rf"(?<![\w.-]){PARTY}(?:['’]s?)?(?:\s+(?!{_OURS_ON_IT}\b)[\w-]+){{0,3}}?\s+(?:{_ADVERBS}\s+){{0,2}}(?:{_CAUSE_VERBS})\b"
)
PARTY_ACTED = LazyPattern(rf"(?<![\w.-]){PARTY}\s+(?:{_ADVERBS}\s+){{0,2}}(?:{_ACTION_VERBS})\b")
# "the default settings in our pipeline provider Azure DevOps" in a sentence about the cause.
PROVIDER_IN_CAUSE = LazyPattern(rf"\b(?:provider|vendor|supplier|partner)\s+{PARTY}")
CAUSE_WORDS = LazyPattern(r"\b(?:trigger\w*|result\s+of|caus\w*|due\s+to|because|root\s+cause|led\s+to)\b", _I)
CAUSED_BY_PARTY = LazyPattern(
    rf"\b(?i:due\s+to|because\s+of|caused\s+by|triggered\s+by|the\s+fault\s+of|fault\s+(?:at|with)|blame\s+(?:on|lies\s+with)|stemming\s+from|as\s+a\s+result\s+of|root\s+cause\s+(?:was|is))\s+"
    rf"(?:(?:an?|the)\s+)?(?:(?:fallout|result|effects?|consequences?|launch|release)\s+of\s+(?:the\s+|an?\s+)?)?(?:(?:\w+\s+)?(?:issues?|problems?|outages?|bugs?|changes?|updates?|incidents?|failures?|errors?|disruptions?|degradation|misconfiguration)\s+(?:at|with|in|from|on|of|by)\s+)?"
    rf"(?:(?:the|our)\s+(?:(?:third-party|upstream|hosting|cloud|payment|email|e-mail|DNS|CDN|network)\s+)?(?:provider|vendor|partner|supplier)\s*,?\s+)?{PARTY}"
)
PARTY_THING_CAUSED = LazyPattern(
    rf"\b(?:[Aa]n?|[Tt]he)\s+{PARTY}\s+(?:\w+\s+)?(?:updates?|releases?|outages?|bugs?|incidents?|deploy(?:ment)?s?|failures?|issues?|problems?|regressions?)\b"
    rf"[^.;]{{0,80}}?\b(?:caused|broke|led\s+to|resulted\s+in|triggered|took\s+down|brought\s+down|made)\b"
)

# A hosted service being down: only for well-known vendors and configured suppliers named with a
# failure ("Stripe was down"); "we received alerts that Prometheus was down" is usually our own copy.
PARTY_DOWN = LazyPattern(rf"(?<![\w.-]){PARTY}(?:['’]s?(?:\s+[\w-]+){{1,2}}?)?\s+(?:was|were|is|are|went)\s+(?:down|unavailable|unreachable|offline|degraded)\b")

# A failure located in a party: "a bug in Traefik v2", "timeouts from Docker Hub", "Traefik v2 bug".
FAILURE_IN_PARTY = LazyPattern(
    rf"\b(?:bugs?|issues?|flaws?|vulnerabilit(?:y|ies)|defects?|regressions?|problems?|errors?|timeouts?|time-outs?|outages?|failures?|incidents?|changes?)"
    rf"\s+(?:in|from|at|with|on|by)\s+(?:the\s+|an?\s+)?{PARTY}"
)
PARTY_FAILURE = LazyPattern(
    rf"(?<![\w.-]){PARTY}(?:['’]s)?(?:\s+(?!{_OURS_ON_IT}\b|(?i:about|an?|the|via|by)\b)[A-Za-z][\w-]*){{0,2}}?\s+(?:bugs?|outages?|regressions?|defects?|vulnerabilit(?:y|ies)|incidents?|downtime|misconfiguration)\b"
)

# After "due to PARTY", a lowercase word that makes the party a mere modifier ("due to Terraform
# state lock"); failure nouns keep it the cause ("due to a Cloudflare outage").
FAILURE_NOUNS = frozenset("""
outage outages bug bugs issue issues error errors failure failures problem problems change changes update updates
incident incidents downtime degradation disruption regression regressions misconfiguration release releases
deployment deployments migration maintenance mistake fault timeout timeouts
exodus surge spike influx launch airdrop pod pods agent
""".split())

# Shifting the blame without a name: "through no fault of our own", "beyond our control".
SHIFTS_BLAME = LazyPattern(
    r"\b(?:through|by)\s+no\s+(?:fault|action|error|mistake)\s+of\s+(?:our|its|their)\s+own\b|\b(?:beyond|outside(?:\s+of)?)\s+our\s+control\b"
    r"|\bnot\s+our\s+fault\b|\bat\s+the\s+mercy\s+of\s+(?:our|the|a)\s+\w+",
    _I,
)
# Waiting on a party to fix what broke: "no update from Akamai", "await Akamai to fix", "a fix from Paypal".
WAITING_ON_PARTY = LazyPattern(
    rf"\b(?i:await(?:s|ed|ing)?|wait(?:s|ed|ing)?\s+(?:on|for)|until|(?:solution|fix|response|update|resolution|answer|word|news|reply|eta)\s+from)"
    rf"\s+(?i:the\s+|a\s+|any\s+)?{PARTY}"
)
CHASING_PARTY = LazyPattern(
    rf"\b(?i:contacted|asked|chased|pushed|ticketed)\s+{PARTY}(?:\s+[\w-]+){{0,3}}?\s+for\s+(?:a\s+|an\s+)?(?:fix|solution|resolution|update|response|answer)"
)
# A third-party package named as the source of harm: "a vulnerability committed into a package called node-ipc".
PACKAGE_HARM = LazyPattern(
    r"(?i:\b(?:vulnerabilit(?:y|ies)|malware|malicious\s+code|backdoor|exploit|protestware|breaking\s+change)s?\b[^.;]{0,60}?"
    r"\b(?:package|library|dependency|module|crate|gem|plugin)\s+(?:called|named)\s+)[`'\"]?(?P<party>[A-Za-z0-9][\w.-]*[A-Za-z0-9])"
)

# A party's account of events, told at a distance: "Luxconnect claims each splice takes ten minutes".
PARTY_CLAIMS = LazyPattern(rf"(?<![\w.-]){PARTY}\s+(?:claim(?:s|ed)|insist(?:s|ed)|assur(?:es|ed))\s+(?:that\s+|each\s+|it\s+|they\s+|the\s+|to\s+)")
# An unnamed provider as the cause: "Upstream currently has an outage", "an outage of our hosting provider".
_PROVIDER = r"(?:(?:our|the|an?|one\s+of\s+our)\s+)?(?:[\w-]+\s+)?(?:hosting\s+|upstream\s+|cloud\s+|network\s+|transit\s+|payment\s+|e-?mail\s+|third[- ]party\s+)?(?:provider|vendor|supplier|upstream|carrier)s?"
PROVIDER_FAILED = LazyPattern(
    rf"\b(?:outages?|failures?|problems?|issues?|incidents?|errors?)\s+(?:of|at|with|from)\s+{_PROVIDER}\b"
    rf"|\b{_PROVIDER}\s+(?:{_ADVERBS}\s+)?(?:is|was|were|went|has|had)\s+(?:an?\s+)?(?:offline|down|outage|unavailable|unreachable|problems?|issues?)\b"
    rf"|\b(?:provided|given|shared)\s+by\s+{_PROVIDER}\b",
    _I,
)

# Load from a party named as the cause: "the increase in usage from Twitter".
LOAD_FROM_PARTY = LazyPattern(rf"\b(?:increase|surge|spike|influx|flood|wave)s?\s+(?:in\s+\w+\s+)?from\s+(?:the\s+)?{PARTY}")

# Words after a party that end its noun phrase: "due to Stripe and …" keeps Stripe the cause.
LINK_WORDS = frozenset("and or but which that who when while so as at on in for to from with was were is are had has has been being not".split())

# A party refusing or removing what we rely on: "rejected by Google", "our reports to Google were rejected".
PARTY_REFUSED = LazyPattern(
    rf"\b(?:rejected|refused|declined|ignored|blocked|revoked|suspended|flagged|throttled|rate-limited|banned)\s+by\s+(?:the\s+)?{PARTY}"
)
REFUSED_BY_PARTY = LazyPattern(rf"\bto\s+{PARTY}\s+(?:were|was|got)\s+(?:rejected|refused|declined|ignored|blocked)")

# A sentence that owns the failure while naming the trigger.
OWNS_FAILURE = LazyPattern(
    r"\b(?:bug|mistake|flaw|gap|error|fault|oversight|weakness|limitation)s?\s+in\s+our\b"
    r"|\bour\s+(?:own\s+)?(?:mistake|fault|bug|error|oversight|responsibility)\b"
    r"|\bwe\s+(?:are|were|remain)\s+responsible\b|\bwe\s+(?:had|saw)\s+(?:an?\s+)?(?:full\s+|partial\s+|brief\s+)?\w+\s+outage|\b(?:exposed|revealed|surfaced|uncovered)\s+by\b",
    _I,
)

# Capitalised words that are not third parties: pronouns, generic words, protocols and units.
NOT_PARTIES = frozenset("""
we our us i it this that these those they their there the a an he she his her my you your
dns api apis cdn ssl tls http https utc gmt bst cet pst est bgp cpu gpu ram ddos ip tcp udp url urls
sql db os vm vms ci cd pr ui ux sdk cli json xml csv pdf smtp imap ssh vpn lb load balancer
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow
internet traffic users customers people everyone someone nobody nothing everything
many some most several few all any each every both other another more less much no none one two
three four five six seven eight nine ten dozens hundreds thousands
europe asia africa america americas us usa uk eu apac emea latam east west north south central
partial major minor full complete total unexpected unplanned scheduled emergency planned crashloop crash
network database service system server storage root cause cloud
""".split())
