"""Small word lists the person-name detector uses for context. English; edit with care."""

# Words that never start a name, however they are capitalised.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet if then than that this these those there here when where while
which who whom whose what why how we our ours us you your yours they their them it its i me my
he she his her him be is are was were been being am do does did done has have had having will
would can could shall should may might must not no yes all any some each every both either
neither one two three four five six seven eight nine ten first second third next last after
before during since until from to of in on at by for with without about above below over under
into onto out up down off again further once also only just still even very more most less
least much many few other another such same own as per via please thanks thank sorry today
weve youve theyve ive youre theyre dont cant wont isnt arent wasnt werent didnt doesnt hasnt havent
tonight tomorrow yesterday now soon later earlier update updates due because although though
""".split())

# First names that are also everyday words or calendar words: a person only in a person's context.
AMBIGUOUS_WORDS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday summer autumn winter spring
will may mark bill grant rose hope faith joy chase frank page dean art pat sue rob jack jet dawn
eve holly iris ivy lily daisy heather amber crystal pearl jade penny sky river rain storm stone
brook cliff glen dale forest wood hunter archer baker cook mason carter miller smith king prince
duke earl baron major general royal noble sterling sterling max min nick norm ray drew gene
guy lane grace patience constance honor justice liberty harmony melody star sunny rusty buck
bud chip dot ed al van del de la le sol luna nova echo delta sierra tango victor romeo oscar
hotel india juliet kilo lima mike papa quebec whiskey yankee zulu alpha bravo charlie foxtrot
golf carol hazel olive violet ginger basil sage rosemary clay colt flint cash price sharp
young rich gay bliss merry happy hardy early long short strong west north south east
new good best fair gray grey green white black brown gold silver see hang carry minor
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Nouns after a capitalised word that make it a place or a thing ("Jordan River", "Ruby gem").
THING_NOUNS = frozenset("""
station river region regions street road avenue lane square park bridge airport cluster clusters
server servers database databases db instance instances job jobs pipeline pipelines queue queues
topic topics broker brokers gem gems library libraries framework frameworks plugin plugins module
modules service services api apis app apps bank banks university college hospital hotel lake
mountain valley county city zone zones datacenter datacentre network networks office offices data
center centre node nodes worker workers build builds version versions release releases upgrade
upgrades driver drivers client clients console dashboard connector connectors stream streams
table tables index indexes replica replicas engine engines runtime code script scripts deploy
deployment deployments account accounts edition endpoint endpoints bucket buckets storage line
lines terminal port harbour harbor district metro tube underground stadium building tower hall
campus store shop plan plans card cards pay payments availability east west north south central
cloud platform project projects team teams feature features tool tools system systems provider
providers partner partners integration integrations connection connections host hosts file files
certificate certificates key keys store stores day week month quarter
corp corporation inc ltd llc gmbh labs group co company foundation institute
""".split())

# Verbs that only people do ("Jordan said"): enough even for an allow-listed word.
PERSON_ONLY_VERBS = frozenset("""
said says told asked noticed forgot forgets wrote approved merged reviewed decided emailed called
realised realized thought believed acknowledged responded spotted personally himself herself who
apologised apologized agreed explained promised admitted joined mistakenly accidentally
misconfigured neglected overlooked
""".split())

# Verbs and words after a name that people do, and things sometimes do too ("Alex restarted").
PERSON_VERBS = PERSON_ONLY_VERBS | frozenset("""
was were is has had did didn't deployed pushed ran restarted missed saw paged escalated fixed
rolled changed applied reported found investigated confirmed triggered led took made started
stopped updated removed deleted added configured worked checked caught tried failed reverted
shipped released opened closed from and flagged raised handled coordinated owned alerted notified
contacted messaged posted announced recommended suggested proposed signed authorised authorized
requested shared helped assisted debugged diagnosed traced rebooted patched upgraded migrated
noted warned replied answered
""".split())

# Words before a name that only point at a person ("thanks to Priya", "asked Jordan").
PERSON_ONLY_CUES = frozenset([
    "thanks", "thank", "asked", "told", "cc", "ping", "pinged", "paged", "emailed", "messaged", "engineer",
    "engineers", "colleague", "colleagues", "manager", "cto", "ceo", "cfo", "coo", "vp",
    "director", "founder", "intern", "contractor", "developer", "operator", "admin", "administrator",
    "on-call", "oncall", "teammate", "dear", "hi", "hello",
    "thanks to", "according to", "reached out", "spoke with", "worked with",
])

# Words before a name that often point at a person ("fixed by Sam", "with Priya").
PERSON_CUES = PERSON_ONLY_CUES | frozenset(["by", "with", "and", "lead", "called"])

# Capitalised words for groups, not people: "Support asked customers…", "Management decided…".
GROUP_WORDS = frozenset("""
support team teams management everyone someone somebody nobody customers users engineering security operations
ops legal finance sales leadership staff marketing product infrastructure platform moderation moderators admins
moderator admin engineer manager lead head director owner user customer member operator developer maintainer
""".split())

# What people do in a timeline entry and machines seldom do ("Audun looked for…", "tynes cuts the
# builds"): enough for a word the name lists lack, at the start of an entry. Forms that are also
# nouns ("alerts", "pages", "posts") are left out.
PEOPLE_ACTIONS = frozenset("""
looked evaluated evaluates found finds noticed notices decided decides asked asks confirmed confirms
investigated investigates contacted determined determines verified verifies discovered discovers
identified identifies escalated escalates paged pinged pings messaged emailed posted merged merges
approved approves filed cut cuts gave gives began told tells said says wrote writes
called replied replies acknowledged acknowledges coordinated coordinates realised realises realized
realizes suggested suggests proposed proposes recommended recommends agreed agrees explained explains
promised promises admitted admits alerted notified notifies joined joins
""".split())
