<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdjustScreen</name>
    <message>
        <source>Adjust points of %1 (%2 pts)</source>
        <translation>Adjust points of %1 (%2 pts)</translation>
    </message>
    <message>
        <source>More than %1 points needs a supervisor.</source>
        <translation>More than %1 points needs a supervisor.</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Adjust</translation>
    </message>
    <message>
        <source>Adjust points: no member selected</source>
        <translation>Adjust points: no member selected</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Tap your member card</source>
        <translation>Tap your member card</translation>
    </message>
    <message>
        <source>Hold it on the reader below the screen</source>
        <translation>Hold it on the reader below the screen</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>Demo reader:</source>
        <translation>Demo reader:</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>Remove card</translation>
    </message>
</context>
<context>
    <name>DemoRig</name>
    <message>
        <source>Blank card</source>
        <translation>Blank card</translation>
    </message>
    <message>
        <source>Foreign tag</source>
        <translation>Foreign tag</translation>
    </message>
    <message>
        <source>Li Wei (member, PIN 2468)</source>
        <translation>Li Wei (member, PIN 2468)</translation>
    </message>
    <message>
        <source>Emma Clarke (member, PIN 1357)</source>
        <translation>Emma Clarke (member, PIN 1357)</translation>
    </message>
    <message>
        <source>Zhang Min (member, PIN 8642)</source>
        <translation>Zhang Min (member, PIN 8642)</translation>
    </message>
    <message>
        <source>Chen Jing (cashier, PIN 4321)</source>
        <translation>Chen Jing (cashier, PIN 4321)</translation>
    </message>
    <message>
        <source>Wang Fang (supervisor, PIN 8765)</source>
        <translation>Wang Fang (supervisor, PIN 8765)</translation>
    </message>
</context>
<context>
    <name>DeviceStatusScreen</name>
    <message>
        <source>Device status</source>
        <translation>Device status</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>%1 entries, head %2…</source>
        <translation>%1 entries, head %2…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>standalone (no HQ configured)</source>
        <translation>standalone (no HQ configured)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Deny-list</source>
        <translation>Deny-list</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) blocked</source>
        <translation>
            <numerusform>%n card blocked</numerusform>
            <numerusform>%n cards blocked</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Verify ledger</source>
        <translation>Verify ledger</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>last sync %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries to upload</source>
        <translation>
            <numerusform>%n entry to upload</numerusform>
            <numerusform>%n entries to upload</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked yet: tap Verify ledger</source>
        <translation>Not checked yet: tap Verify ledger</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Birthday (YYYY-MM-DD)</source>
        <translation>Birthday (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>PIN (member enters)</source>
        <translation>PIN (member enters)</translation>
    </message>
    <message>
        <source>Member agrees to receive offers</source>
        <translation>Member agrees to receive offers</translation>
    </message>
    <message>
        <source>Possible duplicate: is this one of these members?</source>
        <translation>Possible duplicate: is this one of these members?</translation>
    </message>
    <message>
        <source>Use this member</source>
        <translation>Use this member</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <source>Issue card on reader</source>
        <translation>Issue card on reader</translation>
    </message>
    <message>
        <source>Card issued to %1</source>
        <translation>Card issued to %1</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>Explainer</name>
    <message>
        <source>{points} pts: {detail}</source>
        <translation>{points} pts: {detail}</translation>
    </message>
    <message>
        <source>(rule {rule} v{version})</source>
        <translation>(rule {rule} v{version})</translation>
    </message>
    <message>
        <source>Registered staff member {name} as {role}</source>
        <translation>Registered staff member {name} as {role}</translation>
    </message>
    <message>
        <source>Enrolled {name} as member &apos;{handle}&apos;</source>
        <translation>Enrolled {name} as member &apos;{handle}&apos;</translation>
    </message>
    <message>
        <source>Card {card} issued</source>
        <translation>Card {card} issued</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>PIN changed</translation>
    </message>
    <message>
        <source>Card {card} blocked: {reason}</source>
        <translation>Card {card} blocked: {reason}</translation>
    </message>
    <message>
        <source>Card alert: {reason}</source>
        <translation>Card alert: {reason}</translation>
    </message>
    <message>
        <source>Card replaced: moved to card {card}</source>
        <translation>Card replaced: moved to card {card}</translation>
    </message>
    <message>
        <source>Replacement card {card} for card {from_card}</source>
        <translation>Replacement card {card} for card {from_card}</translation>
    </message>
    <message>
        <source>: deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>: deposit {deposit}, bonus {bonus}, {points} pts</translation>
    </message>
    <message>
        <source>{points} pts: staff adjustment by a {role}: {reason}</source>
        <translation>{points} pts: staff adjustment by a {role}: {reason}</translation>
    </message>
    <message>
        <source>Shift opened by {name} ({role})</source>
        <translation>Shift opened by {name} ({role})</translation>
    </message>
    <message>
        <source>Shift {shift} closed by {name}:</source>
        <translation>Shift {shift} closed by {name}:</translation>
    </message>
    <message>
        <source> {pay_method} top-ups {topups}, sales {sales}, refunds {refunds};</source>
        <translation> {pay_method} top-ups {topups}, sales {sales}, refunds {refunds};</translation>
    </message>
    <message>
        <source> bonus {bonus}, points issued {issued}, redeemed {redeemed}, adjusted {adjusted}</source>
        <translation> bonus {bonus}, points issued {issued}, redeemed {redeemed}, adjusted {adjusted}</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source> {rating}/5</source>
        <translation> {rating}/5</translation>
    </message>
    <message>
        <source> on {category}</source>
        <translation> on {category}</translation>
    </message>
    <message>
        <source>: &quot;{text}&quot;</source>
        <translation>: &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>Top-up {amount} by {pay_method}: deposit +{deposit}</source>
        <translation>Top-up {amount} by {pay_method}: deposit +{deposit}</translation>
    </message>
    <message>
        <source>, bonus +{bonus} for a deposit of at least {min} {rule}</source>
        <translation>, bonus +{bonus} for a deposit of at least {min} {rule}</translation>
    </message>
    <message>
        <source> (no bonus tier reached)</source>
        <translation> (no bonus tier reached)</translation>
    </message>
    <message>
        <source>Stored value refunded: deposit {deposit} paid out, bonus {bonus} forfeited</source>
        <translation>Stored value refunded: deposit {deposit} paid out, bonus {bonus} forfeited</translation>
    </message>
    <message>
        <source>Membership bought for {fee} by {pay_method}, valid to {date} {rule}</source>
        <translation>Membership bought for {fee} by {pay_method}, valid to {date} {rule}</translation>
    </message>
    <message>
        <source>Membership renewed for {fee} by {pay_method}, valid to {date} {rule}</source>
        <translation>Membership renewed for {fee} by {pay_method}, valid to {date} {rule}</translation>
    </message>
    <message>
        <source>Purchase {seq} {amount} by {pay_method}</source>
        <translation>Purchase {seq} {amount} by {pay_method}</translation>
    </message>
    <message>
        <source> (deposit {deposit}, bonus {bonus})</source>
        <translation> (deposit {deposit}, bonus {bonus})</translation>
    </message>
    <message>
        <source>: list {list}</source>
        <translation>: list {list}</translation>
    </message>
    <message>
        <source>, member prices -{amount}</source>
        <translation>, member prices -{amount}</translation>
    </message>
    <message>
        <source>, discount {rate} off -{amount} {rule}</source>
        <translation>, discount {rate} off -{amount} {rule}</translation>
    </message>
    <message>
        <source>, voucher {voucher} -{amount}</source>
        <translation>, voucher {voucher} -{amount}</translation>
    </message>
    <message>
        <source>Return of purchase {purchase} ({amount}): {points} pts of {earned} earned</source>
        <translation>Return of purchase {purchase} ({amount}): {points} pts of {earned} earned</translation>
    </message>
    <message>
        <source>, shortfall {shortfall} pts (already spent)</source>
        <translation>, shortfall {shortfall} pts (already spent)</translation>
    </message>
    <message>
        <source>; stored value back: deposit +{deposit}, bonus +{bonus}</source>
        <translation>; stored value back: deposit +{deposit}, bonus +{bonus}</translation>
    </message>
    <message>
        <source>; refund by {pay_method}</source>
        <translation>; refund by {pay_method}</translation>
    </message>
    <message>
        <source>; voucher {voucher} reinstated</source>
        <translation>; voucher {voucher} reinstated</translation>
    </message>
    <message>
        <source>Return of {items} from purchase {purchase} ({amount}): {points} pts of {earned} earned</source>
        <translation>Return of {items} from purchase {purchase} ({amount}): {points} pts of {earned} earned</translation>
    </message>
    <message>
        <source>{quantity} × {name}</source>
        <translation>{quantity} × {name}</translation>
    </message>
    <message>
        <source>; threshold bonus {rule} taken back (the rest is below {min_spend})</source>
        <translation>; threshold bonus {rule} taken back (the rest is below {min_spend})</translation>
    </message>
    <message>
        <source>Voucher {voucher} void: purchase {purchase} is now {remaining}, below the {min_spend} that issued it</source>
        <translation>Voucher {voucher} void: purchase {purchase} is now {remaining}, below the {min_spend} that issued it</translation>
    </message>
    <message>
        <source>{amount} × {points_per} pt/{per} × {tier} {multiplier}</source>
        <translation>{amount} × {points_per} pt/{per} × {tier} {multiplier}</translation>
    </message>
    <message>
        <source> × promotion {multiplier}</source>
        <translation> × promotion {multiplier}</translation>
    </message>
    <message>
        <source> ({rounding}) {rule}</source>
        <translation> ({rounding}) {rule}</translation>
    </message>
    <message>
        <source>first visit of {date} {rule}</source>
        <translation>first visit of {date} {rule}</translation>
    </message>
    <message>
        <source>purchase {amount} reached {min_spend} {rule}</source>
        <translation>purchase {amount} reached {min_spend} {rule}</translation>
    </message>
    <message>
        <source>promotion bonus {from} to {to} {rule}</source>
        <translation>promotion bonus {from} to {to} {rule}</translation>
    </message>
    <message>
        <source>offer &apos;{title}&apos; accepted (offer {offer} v{version}, {source})</source>
        <translation>offer &apos;{title}&apos; accepted (offer {offer} v{version}, {source})</translation>
    </message>
    <message>
        <source>earned</source>
        <translation>earned</translation>
    </message>
    <message>
        <source>; capped from {capped_from} by the {cap} cap of {cap_points}</source>
        <translation>; capped from {capped_from} by the {cap} cap of {cap_points}</translation>
    </message>
    <message>
        <source>{points} pts: reward &apos;{name}&apos;</source>
        <translation>{points} pts: reward &apos;{name}&apos;</translation>
    </message>
    <message>
        <source> → bonus +{credit} at {value_per_point} per point</source>
        <translation> → bonus +{credit} at {value_per_point} per point</translation>
    </message>
    <message>
        <source>, cash part {cash} by {pay_method}</source>
        <translation>, cash part {cash} by {pay_method}</translation>
    </message>
    <message>
        <source>{points} pts: expired, batch {batch} earned {earned}, valid to {date}</source>
        <translation>{points} pts: expired, batch {batch} earned {earned}, valid to {date}</translation>
    </message>
    <message>
        <source>Tier review of {date}</source>
        <translation>Tier review of {date}</translation>
    </message>
    <message>
        <source>spend {amount}</source>
        <translation>spend {amount}</translation>
    </message>
    <message>
        <source>{points} pts earned</source>
        <translation>{points} pts earned</translation>
    </message>
    <message>
        <source>Tier {from} → {to}: {value} in {days} days</source>
        <translation>Tier {from} → {to}: {value} in {days} days</translation>
    </message>
    <message>
        <source> at the review of {date}</source>
        <translation> at the review of {date}</translation>
    </message>
    <message>
        <source> reached {min} (upgrade)</source>
        <translation> reached {min} (upgrade)</translation>
    </message>
    <message>
        <source>Voucher {seq}: {value} off</source>
        <translation>Voucher {seq}: {value} off</translation>
    </message>
    <message>
        <source> a spend of {min_spend}</source>
        <translation> a spend of {min_spend}</translation>
    </message>
    <message>
        <source>, valid to {date}</source>
        <translation>, valid to {date}</translation>
    </message>
    <message>
        <source> (offer &apos;{title}&apos;, {source})</source>
        <translation> (offer &apos;{title}&apos;, {source})</translation>
    </message>
    <message>
        <source> for purchase {purchase} of {amount} {rule}</source>
        <translation> for purchase {purchase} of {amount} {rule}</translation>
    </message>
    <message>
        <source>Voucher {voucher} used: -{value} on purchase {purchase}</source>
        <translation>Voucher {voucher} used: -{value} on purchase {purchase}</translation>
    </message>
    <message>
        <source>Voucher {voucher} void: purchase {purchase} that issued it was returned</source>
        <translation>Voucher {voucher} void: purchase {purchase} that issued it was returned</translation>
    </message>
    <message>
        <source>Voucher {voucher} ({value}) expired unused, valid to {date}</source>
        <translation>Voucher {voucher} ({value}) expired unused, valid to {date}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>daily</translation>
    </message>
    <message>
        <source>per-purchase</source>
        <translation>per-purchase</translation>
    </message>
    <message>
        <source>stored_value</source>
        <translation>stored value</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>cash</translation>
    </message>
    <message>
        <source>card</source>
        <translation>card</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>cashier</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>floor</translation>
    </message>
    <message>
        <source>ceil</source>
        <translation>ceil</translation>
    </message>
    <message>
        <source>half_up</source>
        <translation>half up</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>kiosk</translation>
    </message>
    <message>
        <source>hq</source>
        <translation>HQ</translation>
    </message>
    <message>
        <source>food</source>
        <translation>food</translation>
    </message>
    <message>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <source>cleanliness</source>
        <translation>cleanliness</translation>
    </message>
    <message>
        <source>waiting_time</source>
        <translation>waiting time</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <source>top tier: {tier}</source>
        <translation>top tier: {tier}</translation>
    </message>
    <message>
        <source>spend {amount} more for {tier}</source>
        <translation>spend {amount} more for {tier}</translation>
    </message>
    <message>
        <source>earn {points} more points for {tier}</source>
        <translation>earn {points} more points for {tier}</translation>
    </message>
    <message>
        <source>Brought up to date with headquarters: deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>Brought up to date with headquarters: deposit {deposit}, bonus {bonus}, {points} pts</translation>
    </message>
    <message>
        <source>Brought up to date from the card (written at kiosk {kiosk}): deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>Brought up to date from the card (written at kiosk {kiosk}): deposit {deposit}, bonus {bonus}, {points} pts</translation>
    </message>
    <message>
        <source>Checked with headquarters: no change</source>
        <translation>Checked with headquarters: no change</translation>
    </message>
    <message>
        <source>Card {card} blocked by headquarters: {reason}</source>
        <translation>Card {card} blocked by headquarters: {reason}</translation>
    </message>
    <message>
        <source>Fleet kiosk {kiosk}: {status}</source>
        <translation>Fleet kiosk {kiosk}: {status}</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>fork</translation>
    </message>
    <message>
        <source>overspend</source>
        <translation>overspend</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>quarantined</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>Something to tell us?</source>
        <translation>Something to tell us?</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Food</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Cleanliness</source>
        <translation>Cleanliness</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Your comment (optional)</source>
        <translation>Your comment (optional)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>%1 of 5 stars</source>
        <translation>%1 of 5 stars</translation>
    </message>
    <message>
        <source>Tap a star</source>
        <translation>Tap a star</translation>
    </message>
</context>
<context>
    <name>HistoryPhrase</name>
    <message>
        <source>{percent}% off</source>
        <comment>{percent} = percent off; {zhe} = tenths of the list price paid (zhe: 8 for 20% off)</comment>
        <translation>{percent}% off</translation>
    </message>
    <message>
        <source>voucher used</source>
        <translation>voucher used</translation>
    </message>
    <message>
        <source>Card issued</source>
        <translation>Card issued</translation>
    </message>
    <message>
        <source>Membership started: welcome!</source>
        <translation>Membership started: welcome!</translation>
    </message>
    <message>
        <source>Top-up by %1</source>
        <translation>Top-up by %1</translation>
    </message>
    <message>
        <source>Visit bonus</source>
        <translation>Visit bonus</translation>
    </message>
    <message>
        <source>Points for your purchase</source>
        <translation>Points for your purchase</translation>
    </message>
    <message>
        <source>Bonus for a big purchase</source>
        <translation>Bonus for a big purchase</translation>
    </message>
    <message>
        <source>Promotion bonus</source>
        <translation>Promotion bonus</translation>
    </message>
    <message>
        <source>Offer: %1</source>
        <translation>Offer: %1</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>Reward: %1</source>
        <translation>Reward: %1</translation>
    </message>
    <message>
        <source>Paid %1 from stored value</source>
        <translation>Paid %1 from stored value</translation>
    </message>
    <message>
        <source>Purchase %1 by %2</source>
        <translation>Purchase %1 by %2</translation>
    </message>
    <message>
        <source>Return of a purchase</source>
        <translation>Return of a purchase</translation>
    </message>
    <message>
        <source>New voucher: %1 off</source>
        <translation>New voucher: %1 off</translation>
    </message>
    <message>
        <source>Voucher used</source>
        <translation>Voucher used</translation>
    </message>
    <message>
        <source>Voucher expired</source>
        <translation>Voucher expired</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Points expired</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Card replaced: balance moved</source>
        <translation>Card replaced: balance moved</translation>
    </message>
    <message>
        <source>Adjusted by our staff</source>
        <translation>Adjusted by our staff</translation>
    </message>
    <message>
        <source>Your feedback: thank you</source>
        <translation>Your feedback: thank you</translation>
    </message>
    <message>
        <source>Paid membership</source>
        <translation>Paid membership</translation>
    </message>
    <message>
        <source>Stored value refunded</source>
        <translation>Stored value refunded</translation>
    </message>
    <message>
        <source>New tier: %1</source>
        <translation>New tier: %1</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>PIN changed</translation>
    </message>
    <message>
        <source>Card check</source>
        <translation>Card check</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>Entry #%1</source>
        <translation>Entry #%1</translation>
    </message>
    <message>
        <source>rule %1 v%2</source>
        <translation>rule %1 v%2</translation>
    </message>
    <message>
        <source>offer %1 v%2</source>
        <translation>offer %1 v%2</translation>
    </message>
    <message>
        <source>refers to #%1</source>
        <translation>refers to #%1</translation>
    </message>
    <message>
        <source>policy %1 v%2</source>
        <translation>policy %1 v%2</translation>
    </message>
    <message>
        <source>Brought up to date with headquarters</source>
        <translation>Brought up to date with headquarters</translation>
    </message>
    <message>
        <source>Brought up to date from your card</source>
        <translation>Brought up to date from your card</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Tap a line for its details</source>
        <translation>Tap a line for its details</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Happy birthday, %1!</source>
        <translation>Happy birthday, %1!</translation>
    </message>
    <message>
        <source>Welcome back, %1</source>
        <translation>Welcome back, %1</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>%1 pts expire %2</source>
        <translation>%1 pts expire %2</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <source>Picked for you</source>
        <translation>Picked for you</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>No offers right now</source>
        <translation>No offers right now</translation>
    </message>
    <message>
        <source>Rewards</source>
        <translation>Rewards</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>Tap to see them</source>
        <translation>Tap to see them</translation>
    </message>
    <message>
        <source>Deposit %1
Bonus %2</source>
        <translation>Deposit %1
Bonus %2</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Find member</source>
        <translation>Find member</translation>
    </message>
    <message>
        <source>Name, phone or membership number</source>
        <translation>Name, phone or membership number</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Type part of a name, a phone number or a membership number. Chinese names can also be found by pinyin (liwei) or its initials (lw).</source>
        <translation>Type part of a name, a phone number or a membership number. Chinese names can also be found by pinyin (liwei) or its initials (lw).</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>TapLedger</source>
        <translation>TapLedger</translation>
    </message>
</context>
<context>
    <name>MemberProfilePanel</name>
    <message>
        <source>Allergies: %1</source>
        <translation>Allergies: %1</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>Taste</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Usual items</source>
        <translation>Usual items</translation>
    </message>
    <message>
        <source>Favourite categories</source>
        <translation>Favourite categories</translation>
    </message>
    <message>
        <source>No profile from headquarters yet.</source>
        <translation>No profile from headquarters yet.</translation>
    </message>
    <message>
        <source>Last visits</source>
        <translation>Last visits</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Payment for %1</source>
        <translation>Payment for %1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Stored value (PIN)</source>
        <translation>Stored value (PIN)</translation>
    </message>
    <message>
        <source>Payment: no member selected</source>
        <translation>Payment: no member selected</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Enter PIN</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt: %1</source>
        <translation>Receipt: %1</translation>
    </message>
    <message>
        <source>%1 · kiosk %2 · entry %3</source>
        <translation>%1 · kiosk %2 · entry %3</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Give feedback</source>
        <translation>Give feedback</translation>
    </message>
    <message>
        <source>Scan to check this entry</source>
        <translation>Scan to check this entry</translation>
    </message>
    <message>
        <source>For %1 · served by %2</source>
        <translation>For %1 · served by %2</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>For %1</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
</context>
<context>
    <name>RedeemScreen</name>
    <message>
        <source>Confirm with your PIN</source>
        <translation>Confirm with your PIN</translation>
    </message>
    <message>
        <source>Keep your card on the reader…</source>
        <translation>Keep your card on the reader…</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>%1 pts + %2</source>
        <translation>%1 pts + %2</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
</context>
<context>
    <name>ReplaceCardScreen</name>
    <message>
        <source>Replace lost card of %1</source>
        <translation>Replace lost card of %1</translation>
    </message>
    <message>
        <source>Put a blank card on the reader, then choose the lost card:</source>
        <translation>Put a blank card on the reader, then choose the lost card:</translation>
    </message>
    <message>
        <source>Lost: card %1</source>
        <translation>Lost: card %1</translation>
    </message>
    <message>
        <source>Replace card: no member selected</source>
        <translation>Replace card: no member selected</translation>
    </message>
    <message>
        <source>This member has no active card to replace: issue a new card with New member + card.</source>
        <translation>This member has no active card to replace: issue a new card with New member + card.</translation>
    </message>
    <message>
        <source>Look the member up first (Find member), then come back here.</source>
        <translation>Look the member up first (Find member), then come back here.</translation>
    </message>
</context>
<context>
    <name>RewardsScreen</name>
    <message>
        <source>Rewards · you have %1 pts</source>
        <translation>Rewards · you have %1 pts</translation>
    </message>
    <message>
        <source>%1–%2 pts, you choose</source>
        <translation>%1–%2 pts, you choose</translation>
    </message>
    <message>
        <source>%1 pts + %2</source>
        <translation>%1 pts + %2</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <source>From %1 pts</source>
        <translation>From %1 pts</translation>
    </message>
    <message>
        <source>%1 more points needed</source>
        <translation>%1 more points needed</translation>
    </message>
</context>
<context>
    <name>ScreenHeader</name>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>Shift of %1</source>
        <translation>Shift of %1</translation>
    </message>
    <message>
        <source>Open since %1</source>
        <translation>Open since %1</translation>
    </message>
    <message>
        <source>No open shift</source>
        <translation>No open shift</translation>
    </message>
    <message>
        <source>Pay method</source>
        <translation>Pay method</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <source>No payments in this shift yet: top-ups and purchases appear here by pay method.</source>
        <translation>No payments in this shift yet: top-ups and purchases appear here by pay method.</translation>
    </message>
    <message>
        <source>Open a shift to count the top-ups and purchases you take; close it to print the settlement.</source>
        <translation>Open a shift to count the top-ups and purchases you take; close it to print the settlement.</translation>
    </message>
</context>
<context>
    <name>StaffLoginScreen</name>
    <message>
        <source>Staff login: %1</source>
        <translation>Staff login: %1</translation>
    </message>
</context>
<context>
    <name>StaffMenuScreen</name>
    <message>
        <source>Staff: %1 (%2)</source>
        <translation>Staff: %1 (%2)</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>cashier</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>Member: %1</translation>
    </message>
    <message>
        <source>No member selected: tap a member card or look one up</source>
        <translation>No member selected: tap a member card or look one up</translation>
    </message>
    <message>
        <source>New member + card</source>
        <translation>New member + card</translation>
    </message>
    <message>
        <source>Find member</source>
        <translation>Find member</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <source>Payment / purchase</source>
        <translation>Payment / purchase</translation>
    </message>
    <message>
        <source>Replace lost card</source>
        <translation>Replace lost card</translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation>Adjust points</translation>
    </message>
    <message>
        <source>Shift and settlement</source>
        <translation>Shift and settlement</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>Device status</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Offline: spending is limited</source>
        <translation>Offline: spending is limited</translation>
    </message>
    <message>
        <source>Card reader not working: please ask our staff</source>
        <translation>Card reader not working: please ask our staff</translation>
    </message>
</context>
<context>
    <name>TopUpScreen</name>
    <message>
        <source>Top up for %1</source>
        <translation>Top up for %1</translation>
    </message>
    <message>
        <source>Deposit %1, get %2 bonus</source>
        <translation>Deposit %1, get %2 bonus</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Bonus: %1</source>
        <translation>Bonus: %1</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <source>Top up: no member selected</source>
        <translation>Top up: no member selected</translation>
    </message>
</context>
<context>
    <name>VouchersScreen</name>
    <message>
        <source>Your vouchers</source>
        <translation>Your vouchers</translation>
    </message>
    <message>
        <source>Vouchers are taken off at the till: tell our staff which one to use.</source>
        <translation>Vouchers are taken off at the till: tell our staff which one to use.</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>%1 off</translation>
    </message>
    <message>
        <source>With a purchase of %1 or more</source>
        <translation>With a purchase of %1 or more</translation>
    </message>
    <message>
        <source>No minimum spend</source>
        <translation>No minimum spend</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>Valid until %1</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Never expires</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>No vouchers right now. Offers on your home screen can give you one.</source>
        <translation>No vouchers right now. Offers on your home screen can give you one.</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::AdjustController</name>
    <message>
        <source>Points adjustment %1</source>
        <translation>Points adjustment %1</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ControllerBase</name>
    <message>
        <source>Staff login required</source>
        <translation>Staff login required</translation>
    </message>
    <message>
        <source>Choose a member first</source>
        <translation>Choose a member first</translation>
    </message>
    <message>
        <source>Tap the member&apos;s card or look the member up.</source>
        <translation>Tap the member&apos;s card or look the member up.</translation>
    </message>
    <message>
        <source>Not permitted</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <source>Not enough balance</source>
        <translation>Not enough balance</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>Already exists</translation>
    </message>
    <message>
        <source>Please check your input</source>
        <translation>Please check your input</translation>
    </message>
    <message>
        <source>Cannot do that now</source>
        <translation>Cannot do that now</translation>
    </message>
    <message>
        <source>Kiosk error: please ask our staff</source>
        <translation>Kiosk error: please ask our staff</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>1 attempt left</source>
        <translation>1 attempt left</translation>
    </message>
    <message>
        <source>%1 attempts left</source>
        <translation>%1 attempts left</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>PIN locked</translation>
    </message>
    <message>
        <source>Try again after %1</source>
        <translation>Try again after %1</translation>
    </message>
    <message>
        <source>There is no stored value on this account.</source>
        <translation>There is no stored value on this account.</translation>
    </message>
    <message>
        <source>Stored value %1; this needs %2.</source>
        <translation>Stored value %1; this needs %2.</translation>
    </message>
    <message>
        <source>You have %1 points; this needs %2.</source>
        <translation>You have %1 points; this needs %2.</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <source>Please choose another reward.</source>
        <translation>Please choose another reward.</translation>
    </message>
    <message>
        <source>Limit reached</source>
        <translation>Limit reached</translation>
    </message>
    <message>
        <source>Each member can redeem this reward %1 times at most.</source>
        <translation>Each member can redeem this reward %1 times at most.</translation>
    </message>
    <message>
        <source>Voucher expired</source>
        <translation>Voucher expired</translation>
    </message>
    <message>
        <source>It expired on %1.</source>
        <translation>It expired on %1.</translation>
    </message>
    <message>
        <source>Voucher already used</source>
        <translation>Voucher already used</translation>
    </message>
    <message>
        <source>Each voucher can be used once.</source>
        <translation>Each voucher can be used once.</translation>
    </message>
    <message>
        <source>Spend more to use this voucher</source>
        <translation>Spend more to use this voucher</translation>
    </message>
    <message>
        <source>Minimum spend %1; this purchase is %2.</source>
        <translation>Minimum spend %1; this purchase is %2.</translation>
    </message>
    <message>
        <source>Card not registered</source>
        <translation>Card not registered</translation>
    </message>
    <message>
        <source>Please ask our staff to register this card.</source>
        <translation>Please ask our staff to register this card.</translation>
    </message>
    <message>
        <source>Card blocked</source>
        <translation>Card blocked</translation>
    </message>
    <message>
        <source>This card can no longer be used. Please ask our staff for help.</source>
        <translation>This card can no longer be used. Please ask our staff for help.</translation>
    </message>
    <message>
        <source>Member not found</source>
        <translation>Member not found</translation>
    </message>
    <message>
        <source>Please check the name, phone number or card, or ask our staff.</source>
        <translation>Please check the name, phone number or card, or ask our staff.</translation>
    </message>
    <message>
        <source>Card removed: nothing was charged</source>
        <translation>Card removed: nothing was charged</translation>
    </message>
    <message>
        <source>Hold your card on the reader until the receipt appears, then try again.</source>
        <translation>Hold your card on the reader until the receipt appears, then try again.</translation>
    </message>
    <message>
        <source>Above %1 points a supervisor must do this.</source>
        <translation>Above %1 points a supervisor must do this.</translation>
    </message>
    <message>
        <source>Put a blank card on the reader</source>
        <translation>Put a blank card on the reader</translation>
    </message>
    <message>
        <source>This card is already in use: use a blank card</source>
        <translation>This card is already in use: use a blank card</translation>
    </message>
    <message>
        <source>This card belongs to another system</source>
        <translation>This card belongs to another system</translation>
    </message>
    <message>
        <source>The card left the reader: try again</source>
        <translation>The card left the reader: try again</translation>
    </message>
    <message>
        <source>Not enough points</source>
        <translation>Not enough points</translation>
    </message>
    <message>
        <source>Supervisor required</source>
        <translation>Supervisor required</translation>
    </message>
    <message>
        <source>Offline limit reached</source>
        <translation>Offline limit reached</translation>
    </message>
    <message>
        <source>This card has made %1 offline payments or redemptions; it can spend again once the kiosk is back online.</source>
        <translation>This card has made %1 offline payments or redemptions; it can spend again once the kiosk is back online.</translation>
    </message>
    <message>
        <source>While offline this card can spend %1 more; this needs %2.</source>
        <translation>While offline this card can spend %1 more; this needs %2.</translation>
    </message>
    <message>
        <source>Offline: spending paused</source>
        <translation>Offline: spending paused</translation>
    </message>
    <message>
        <source>The kiosk has been offline for over %1 hours. Please ask our staff.</source>
        <translation>The kiosk has been offline for over %1 hours. Please ask our staff.</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::DeviceStatusController</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Online: no offline limit applies</source>
        <translation>Online: no offline limit applies</translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n more payment(s), up to %1</source>
        <translation>
            <numerusform>Offline: %n more payment, up to %1</numerusform>
            <numerusform>Offline: %n more payments, up to %1</numerusform>
        </translation>
    </message>
    <message>
        <source> (deny-list too old: offline spending stopped)</source>
        <translation> (deny-list too old: offline spending stopped)</translation>
    </message>
    <message>
        <source>Ledger intact: %1 entries checked</source>
        <translation>Ledger intact: %1 entries checked</translation>
    </message>
    <message>
        <source>Ledger damaged at entry #%1: %2</source>
        <translation>Ledger damaged at entry #%1: %2</translation>
    </message>
    <message>
        <source>Ledger damaged: %1</source>
        <translation>Ledger damaged: %1</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::EnrolController</name>
    <message>
        <source>This member is already enrolled</source>
        <translation>This member is already enrolled</translation>
    </message>
    <message>
        <source>Start a new enrolment first.</source>
        <translation>Start a new enrolment first.</translation>
    </message>
    <message>
        <source>Enrol the member first</source>
        <translation>Enrol the member first</translation>
    </message>
    <message>
        <source>The card reader is not available</source>
        <translation>The card reader is not available</translation>
    </message>
    <message>
        <source>Enrol %1 (phone %2, birthday %3)</source>
        <translation>Enrol %1 (phone %2, birthday %3)</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::FeedbackController</name>
    <message>
        <source>How was your stay?</source>
        <translation>How was your stay?</translation>
    </message>
    <message>
        <source>How was your meal?</source>
        <translation>How was your meal?</translation>
    </message>
    <message>
        <source>How was your time at the club?</source>
        <translation>How was your time at the club?</translation>
    </message>
    <message>
        <source>How was your shopping today?</source>
        <translation>How was your shopping today?</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>How was your visit?</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::HistoryController</name>
    <message>
        <source>%1 pts · %2</source>
        <translation>%1 pts · %2</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::LookupController</name>
    <message>
        <source>Choose a member from the list</source>
        <translation>Choose a member from the list</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::MemberProfileController</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Other gender</source>
        <translation>Other gender</translation>
    </message>
    <message>
        <source>Credit grade %1</source>
        <translation>Credit grade %1</translation>
    </message>
    <message>
        <source>Age %1</source>
        <translation>Age %1</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Food</translation>
    </message>
    <message>
        <source>Drinks</source>
        <translation>Drinks</translation>
    </message>
    <message>
        <source>Dessert</source>
        <translation>Dessert</translation>
    </message>
    <message>
        <source>Seafood</source>
        <translation>Seafood</translation>
    </message>
    <message>
        <source>Dim sum</source>
        <translation>Dim sum</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::PaymentController</name>
    <message>
        <source>Payment %1</source>
        <translation>Payment %1</translation>
    </message>
    <message>
        <source>Purchase %1</source>
        <translation>Purchase %1</translation>
    </message>
    <message>
        <source>Charge %1 to %2&apos;s stored value</source>
        <translation>Charge %1 to %2&apos;s stored value</translation>
    </message>
    <message>
        <source>Record %1 paid by %2 for %3</source>
        <translation>Record %1 paid by %2 for %3</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ReceiptController</name>
    <message>
        <source>Printer not available</source>
        <translation>Printer not available</translation>
    </message>
    <message>
        <source>%1 bonus is on your stored value now: spend it at the till.</source>
        <translation>%1 bonus is on your stored value now: spend it at the till.</translation>
    </message>
    <message>
        <source>Show this receipt at the counter to collect your reward.</source>
        <translation>Show this receipt at the counter to collect your reward.</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>Member: %1</translation>
    </message>
    <message>
        <source>Staff: %1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <source>Stored value: %1 → %2</source>
        <translation>Stored value: %1 → %2</translation>
    </message>
    <message>
        <source>Points: %1 → %2</source>
        <translation>Points: %1 → %2</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ReplaceCardController</name>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>Choose the lost card</source>
        <translation>Choose the lost card</translation>
    </message>
    <message>
        <source>The card reader is not available</source>
        <translation>The card reader is not available</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>Card replaced</translation>
    </message>
    <message>
        <source>Card replaced, but its balance is not on the card yet</source>
        <translation>Card replaced, but its balance is not on the card yet</translation>
    </message>
    <message>
        <source>The balance is safe in the ledger; the card gets it at its next top-up or payment.</source>
        <translation>The balance is safe in the ledger; the card gets it at its next top-up or payment.</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::RewardModel</name>
    <message>
        <source>Out of stock</source>
        <translation>Out of stock</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ShiftController</name>
    <message>
        <source>too large</source>
        <translation>too large</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::StaffLoginController</name>
    <message>
        <source>Tap your staff card first</source>
        <translation>Tap your staff card first</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::TapRouter</name>
    <message>
        <source>Blank card: ready to issue</source>
        <translation>Blank card: ready to issue</translation>
    </message>
    <message>
        <source>Card not recognised. Please try another card or ask our staff.</source>
        <translation>Card not recognised. Please try another card or ask our staff.</translation>
    </message>
    <message>
        <source>This card cannot be used here. Please ask our staff for help.</source>
        <translation>This card cannot be used here. Please ask our staff for help.</translation>
    </message>
    <message>
        <source>This card has been blocked. Please ask our staff for help.</source>
        <translation>This card has been blocked. Please ask our staff for help.</translation>
    </message>
    <message>
        <source>This card is not registered at this kiosk yet. Please ask our staff.</source>
        <translation>This card is not registered at this kiosk yet. Please ask our staff.</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::TopUpController</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 or more</translation>
    </message>
    <message>
        <source>%1: bonus %2</source>
        <translation>%1: bonus %2</translation>
    </message>
    <message>
        <source>Top-up %1</source>
        <translation>Top-up %1</translation>
    </message>
</context>
</TS>
