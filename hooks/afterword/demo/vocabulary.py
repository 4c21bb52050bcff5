"""Word banks for demo prose, written to pass the blameless house style.

No names, no blame, no hosts or addresses, no exclamation marks, no jargon the style guide swaps
out (e.g. 'roll back', 'mitigate', 'failover'), no capacity figures, short sentences. Placeholders:
{name} component name, {action} what customers do with it, {lower} the name in lower case.
"""

from __future__ import annotations

TITLES = {
    "none": ["Questions about {name}", "Notice about {name}", "Display issue in {name}", "Reports about {name}"],
    "minor": ["Slow responses in {name}", "Delays in {name}", "Some errors in {name}", "Intermittent errors in {name}", "{name} slower than usual"],
    "major": ["Errors in {name}", "{name} down for some customers", "Many requests to {name} failing", "Long delays in {name}"],
    "critical": ["{name} unavailable", "Outage of {name}", "{name} not working", "Full outage of {name}"],
    "maintenance": ["Scheduled maintenance of {name}", "Planned upgrade of {name}", "Database upgrade for {name}", "Network work affecting {name}"],
}

SYMPTOMS = {
    "none": ["We have had a few reports about {name}. It is working as expected.", "Some customers asked about changes they see in {name}. There is no fault."],
    "minor": ["{name} is slower than usual for some customers.", "Some requests to {name} take longer than usual.", "A share of requests to {name} fail and work when retried."],
    "major": ["Many customers cannot {action}.", "A large share of requests to {name} fail.", "{name} is very slow and many requests time out."],
    "critical": ["Customers cannot {action}.", "{name} is down for all customers.", "Every request to {name} fails."],
}

INVESTIGATING = [
    "We are looking into problems with {name}.",
    "We are investigating errors in {name}.",
    "Our alerts told us about a problem with {name}. We are looking into it.",
    "We see more errors than usual in {name}. We are working to find out why.",
    "We are aware that {name} is not working as it should.",
    "Some of you told us about trouble with {name}. We are checking what is going on.",
]
INVESTIGATING_MORE = [
    "We are still looking for the cause.",
    "We will share more as soon as we know more.",
    "Our team is checking the changes we made today.",
    "Nothing so far points to a risk to your data.",
    "Retrying may work, but some attempts will still fail.",
]
IDENTIFIED = [
    "We have found the cause and are working on a fix.",
    "The cause is a recent change to {name}. We are undoing it now.",
    "We found a fault in a database that {name} relies on and are fixing it.",
    "A task that runs in the background is using too much of our systems. We have paused it.",
    "The problem is in a network link between two of our sites. We are moving traffic away from it.",
    "An expired security certificate caused the errors. We are replacing it.",
    "We know what went wrong and are putting a fix in place.",
]
IDENTIFIED_MORE = [
    "We expect the fix to take effect over the next hour.",
    "Some customers may still see errors while the fix goes out.",
    "We will keep this page updated as the work goes on.",
    "Work you saved before the problem started is safe.",
]
MONITORING = [
    "A fix is in place and we are watching the results.",
    "{name} is working again. We are watching it closely.",
    "Error rates are back to normal. We are keeping an eye on {name}.",
    "The fix is in. {name} is coming back.",
    "Most customers can {action} again. We are checking that the rest recover too.",
]
MONITORING_MORE = [
    "Requests that failed can be retried now.",
    "Any work that was held up will go out in order.",
    "We will confirm when everything is back to normal.",
]
RESOLVED = [
    "This incident has been resolved.",
    "{name} is working again.",
    "The problem is fixed and {name} has been stable since the change.",
    "Everything is back to normal. Thank you for your patience.",
    "All work that was held up has gone out. {name} is healthy.",
]
RESOLVED_MORE = [
    "We are sorry for the trouble this caused.",
    "If you still see problems, please contact our support team.",
    "We will share what we learn from this incident.",
    "You do not need to do anything.",
]
SCHEDULED = [
    "We will do planned work on {name} in this window.",
    "We will upgrade the systems behind {name} in this window.",
    "We will move {name} to new servers in this window.",
]
SCHEDULED_MORE = [
    "You may see short pauses while the work takes place.",
    "It may be slow for a few minutes at a time.",
    "We do not expect you to notice any change.",
    "Please save your work before the window starts.",
]
IN_PROGRESS = [
    "The planned work has started.",
    "Work is under way.",
    "We have started the work on {name}.",
]
VERIFYING = [
    "The work is done. We are checking that all is well.",
    "We are running final checks.",
]
COMPLETED = [
    "The work is done.",
    "The planned work is finished. {name} is working as normal.",
    "The upgrade is done. Thank you for your patience.",
]

# Postmortem scenarios: each names a cause in blameless terms, how we responded, what we change.
SCENARIOS = [
    {
        "short": "a configuration change reduced the number of servers taking traffic",
        "what": [
            "Earlier that day we applied a configuration change to the systems that run {name}.",
            "The change was meant to spread traffic more evenly between our servers.",
            "It had passed our tests, but the tests did not cover the mix of traffic we see at busy times.",
            "As traffic grew during the day, the new settings left fewer servers able to take requests.",
            "Those servers became overloaded, and requests began to queue and then fail.",
            "Our process allowed the change to reach every server at once, so there was no early warning from a small group.",
        ],
        "response": [
            "Our monitoring raised an alert a few minutes after errors began to rise.",
            "The team on call linked the errors to the recent change within the first half hour.",
            "We undid the change on a small group of servers first, to confirm that it was the cause.",
            "Once the errors stopped there, we undid it everywhere.",
            "We then watched error rates and response times until they had been normal for a full hour.",
        ],
        "changes": [
            "Configuration changes will now reach a small share of servers first and pause there before going further.",
            "We are adding tests that replay the traffic mix of a busy day.",
            "We are adding an alert that compares error rates before and after every change.",
        ],
        "follow_ups": ["Release configuration changes in stages", "Test changes against busy-day traffic", "Alert on error rates after each change"],
    },
    {
        "short": "a database that {name} relies on ran out of disk space",
        "what": [
            "{name} stores its working data in a database that keeps a log of every change.",
            "That log is cleaned up by a scheduled task every night.",
            "A week before the incident, an update to the task stopped it from cleaning up older entries.",
            "The log grew every day until the disk it lives on was full.",
            "From that moment the database could not accept new writes, and requests that save data failed.",
            "Reading data still worked, which is why some pages loaded while others showed errors.",
        ],
        "response": [
            "An alert for failed writes reached the team on call within minutes.",
            "We found the full disk soon after and added more space to the database.",
            "Writes started to succeed again as soon as the new space was available.",
            "We then fixed the cleanup task and ran it by hand to bring the log back to its normal size.",
            "We checked every write that failed during the incident to make sure nothing was half saved.",
        ],
        "changes": [
            "We now alert when any database disk passes two thirds of its space, long before it is full.",
            "The cleanup task now reports when it finishes, and we alert when a report is missing.",
            "We are reviewing every scheduled task for the same kind of silent failure.",
        ],
        "follow_ups": ["Alert on database disk use", "Report and check every scheduled cleanup", "Review scheduled tasks for silent failures"],
    },
    {
        "short": "a new release made some requests much slower",
        "what": [
            "We release new versions of {name} several times a week.",
            "One release changed the way we look up customer settings on each request.",
            "For most accounts the new lookup was as fast as before.",
            "For accounts with a long history, it read far more data than needed.",
            "As those accounts became active in the morning, the extra work slowed the database for everyone.",
            "Slow database responses then caused requests to time out across {name}.",
        ],
        "response": [
            "Response times started to climb a few minutes after the release reached all servers.",
            "We saw the rise on our dashboards and began to look at recent releases.",
            "We moved back to the previous version of {name} as soon as we suspected the release.",
            "Response times returned to normal over the next quarter of an hour.",
            "We then fixed the lookup and tested it with large accounts before releasing it again.",
        ],
        "changes": [
            "Our test data now includes accounts with a long history, so slow paths show up before release.",
            "New releases will reach a small group of servers first, with an automatic stop if response times rise.",
            "We are adding a limit to how long a single lookup may take.",
        ],
        "follow_ups": ["Add large accounts to our test data", "Stop releases automatically when response times rise", "Limit how long one lookup may take"],
    },
    {
        "short": "a network problem at one of our hosting providers cut off part of our traffic",
        "what": [
            "We run {name} in more than one data centre so that one site can take over from another.",
            "During the incident, a network problem at one of our hosting providers cut one site off from the internet.",
            "Our systems noticed the problem, but the switch to the other site did not happen by itself.",
            "A health check still reported the cut-off site as healthy, because it checked from inside that site.",
            "As a result, part of our traffic kept going to a site that could not answer.",
        ],
        "response": [
            "Customers reported errors, and our monitoring showed requests failing from one site.",
            "We confirmed the network problem with our provider within the first half hour.",
            "We then moved all traffic to the healthy site by hand.",
            "Service recovered for all customers a few minutes after the move.",
            "When the network problem was fixed, we checked the site and brought it back into service.",
        ],
        "changes": [
            "Health checks now test each site from outside it, the same way customers reach us.",
            "Moving traffic to the healthy site will now happen by itself when checks fail.",
            "We will practise moving traffic between sites every quarter.",
        ],
        "follow_ups": ["Check each site from outside", "Move traffic between sites by itself", "Practise site moves every quarter"],
    },
    {
        "short": "an expired security certificate stopped two of our services from talking to each other",
        "what": [
            "Services inside our platform use security certificates to prove who they are to each other.",
            "These certificates expire after a set time and are renewed before that.",
            "One certificate used by {name} was not renewed, because it had been created by hand and was missing from our renewal list.",
            "When it expired, the services that rely on it could no longer connect.",
            "Every request that needed that connection failed from that moment.",
        ],
        "response": [
            "The errors began at the exact minute the certificate expired, which pointed us to the cause quickly.",
            "We issued a new certificate and put it in place.",
            "Connections recovered as soon as the new certificate was active.",
            "We then searched for other certificates created the same way and renewed them all.",
        ],
        "changes": [
            "Every certificate is now created through the same tool, which also renews it.",
            "We alert a month before any certificate expires.",
            "We have removed the last certificates that were made by hand.",
        ],
        "follow_ups": ["Create all certificates with one tool", "Alert a month before any certificate expires", "Remove hand-made certificates"],
    },
    {
        "short": "a queue of background work grew faster than we could process it",
        "what": [
            "{name} hands slow work to a queue, so that pages stay fast while the work happens in the background.",
            "At the start of the month, many customers send invoices and reminders at the same time.",
            "This month the rush was larger than before, and the queue grew faster than our workers could empty it.",
            "Work that usually takes seconds waited for up to an hour.",
            "Because the queue was shared, other kinds of work were delayed behind it too.",
        ],
        "response": [
            "An alert for queue delays reached the team on call early in the rush.",
            "We added more workers, which slowed the growth of the queue but did not stop it.",
            "We then split the queue, so that urgent work could skip ahead of bulk sends.",
            "The queue was empty again a few hours later, and all delayed work was done in order.",
        ],
        "changes": [
            "Urgent and bulk work now use separate queues.",
            "Workers are added by themselves when a queue grows, before delays reach customers.",
            "We now plan for the start of each month with a forecast of expected volume.",
        ],
        "follow_ups": ["Separate urgent and bulk queues", "Add workers by themselves when queues grow", "Plan for month-start volume"],
    },
]

DATA_SAFE = [
    "No data was lost. Everything saved before and during the incident is intact.",
    "No customer data was lost or changed.",
    "We checked our records carefully, and no data was lost.",
]
DATA_LOST = [
    "Some data was lost: changes made during the incident were not saved. We have contacted the customers affected and helped them enter those changes again.",
    "A small number of drafts started during the incident were lost, and that data could not be recovered. We have written to every customer affected.",
]
APOLOGIES = [
    "We are sorry for the disruption this caused. We know you rely on {name} to run your business, and we let you down.",
    "We apologise to every customer affected. Thank you for your patience while we fixed the problem.",
    "We are sorry. Incidents like this cost you time, and we will keep working to earn back your trust.",
]
IMPACT_LINES = [
    "The incident began at {start} and ended at {end}, {duration} in total.",
    "For {duration}, from {start} to {end}, {name} did not work as it should.",
]
IMPACT_DETAIL = {
    "minor": ["Some customers saw slow pages and had to retry some actions.", "Most requests still worked, but some took much longer than usual."],
    "major": ["Many customers could not {action} for much of that time.", "About half of all requests to {name} failed during the worst part of the incident."],
    "critical": ["During that time, customers could not {action} at all.", "Every request to {name} failed until service was restored."],
    "none": ["Customers did not lose access, but some saw confusing messages."],
    "maintenance": ["Customers saw pauses in {name} during the work."],
}
GENERAL_RESPONSE = [
    "We posted our first update on this page soon after we confirmed the problem, and updated it as we learned more.",
    "Our support team answered questions from customers while the work went on.",
    "Throughout the incident we put customers' data first: we did not take any step that could put it at risk.",
    "After service was restored, we watched {name} closely for the rest of the day.",
]
GENERAL_CHANGES = [
    "We track each of these changes in the list below and will update it as the work is done.",
    "Some of this work is already finished. The rest is planned for the coming weeks.",
    "We will review the changes again in three months to check that they work as intended.",
]

INVESTIGATING_FOLLOW = [
    "We are still looking into the problem with {name}.",
    "Our work on {name} continues. We have ruled out a few possible causes.",
    "We are still investigating. Some customers can {action}, but many attempts fail.",
    "We are checking each part of {name} in turn to narrow down the cause.",
]

BACKGROUND = [
    "{name} is one of the busiest parts of Lumen, and many customers use it every working day.",
    "To explain what went wrong, it helps to know a little about how {name} works.",
    "Behind {name} sit several smaller services, each with its own job.",
    "Requests to {name} pass through a shared layer that sends each one to a free server.",
    "We run more than one copy of each service, so that one copy can stop without customers noticing.",
    "Changes to these services go through review and automated tests before they are released.",
]
IMPACT_MORE = [
    "Customers who contacted our support team during the incident received a reply the same day.",
    "Other parts of Lumen kept working, and customers could still see their existing invoices.",
    "Invoices that were due to be sent during the incident went out once service returned.",
    "We know that some of you had to explain delays to your own customers, and we regret that.",
    "If you were charged a fee because of this incident, our support team will refund it.",
    "Scheduled reports that were due during the incident ran later the same day.",
]
RESPONSE_MORE = [
    "We kept a written log of every step we took, which helped us write this report.",
    "Once the worst was over, we held a review with everyone involved to learn what we could.",
    "The review looked at how our systems and processes allowed this to happen, not at who did what.",
    "We also checked that the fix did not cause new problems elsewhere in Lumen.",
    "We shared what we learned with other teams, because the same weakness could exist in their systems.",
]
CHANGES_MORE = [
    "We are also improving our runbooks so that the team on call can act faster next time.",
    "We will add a test for this exact failure, so it cannot come back unnoticed.",
    "We are making our status page updates faster, so you hear from us sooner.",
    "We will share progress on these changes in our next quarterly report.",
]

# The first update of a major or critical incident apologises (Afterword.FirstUpdateApology).
FIRST_APOLOGY = [
    "We are sorry for the disruption.",
    "We are sorry for the trouble this causes.",
    "We apologise for the disruption to your work.",
]
