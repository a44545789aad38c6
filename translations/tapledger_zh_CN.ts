<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustScreen</name>
    <message>
        <source>Adjust points of %1 (%2 pts)</source>
        <translation>调整积分：%1（%2 积分）</translation>
    </message>
    <message>
        <source>More than %1 points needs a supervisor.</source>
        <translation>超过 %1 积分需主管操作。</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Adjust points: no member selected</source>
        <translation>调整积分：未选择会员</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Tap your member card</source>
        <translation>请刷会员卡</translation>
    </message>
    <message>
        <source>Hold it on the reader below the screen</source>
        <translation>请将卡片放在屏幕下方的读卡区</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>Demo reader:</source>
        <translation>演示读卡器：</translation>
    </message>
    <message>
        <source>Remove card</source>
        <translation>移开卡片</translation>
    </message>
</context>
<context>
    <name>DemoRig</name>
    <message>
        <source>Blank card</source>
        <translation>空白卡</translation>
    </message>
    <message>
        <source>Foreign tag</source>
        <translation>非本系统卡片</translation>
    </message>
    <message>
        <source>Li Wei (member, PIN 2468)</source>
        <translation>Li Wei（会员·密码2468）</translation>
    </message>
    <message>
        <source>Emma Clarke (member, PIN 1357)</source>
        <translation>Emma Clarke（会员·密码1357）</translation>
    </message>
    <message>
        <source>Zhang Min (member, PIN 8642)</source>
        <translation>张敏（会员·密码8642）</translation>
    </message>
    <message>
        <source>Chen Jing (cashier, PIN 4321)</source>
        <translation>Chen Jing（收银·密码4321）</translation>
    </message>
    <message>
        <source>Wang Fang (supervisor, PIN 8765)</source>
        <translation>Wang Fang（主管·密码8765）</translation>
    </message>
</context>
<context>
    <name>DeviceStatusScreen</name>
    <message>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>账本</translation>
    </message>
    <message>
        <source>%1 entries, head %2…</source>
        <translation>%1 条记录，最新哈希 %2…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>standalone (no HQ configured)</source>
        <translation>单机运行（未配置总部）</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Deny-list</source>
        <translation>黑名单</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) blocked</source>
        <translation>
            <numerusform>已冻结 %n 张卡</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Verify ledger</source>
        <translation>校验账本</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries to upload</source>
        <translation>
            <numerusform>%n 条记录待上传</numerusform>
        </translation>
    </message>
    <message>
        <source>Not checked yet: tap Verify ledger</source>
        <translation>尚未校验：请点按“校验账本”</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Birthday (YYYY-MM-DD)</source>
        <translation>生日（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>PIN (member enters)</source>
        <translation>密码（由会员输入）</translation>
    </message>
    <message>
        <source>Member agrees to receive offers</source>
        <translation>会员同意接收优惠信息</translation>
    </message>
    <message>
        <source>Possible duplicate: is this one of these members?</source>
        <translation>可能重复：是否为以下会员之一？</translation>
    </message>
    <message>
        <source>Use this member</source>
        <translation>使用此会员</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>办理入会</translation>
    </message>
    <message>
        <source>Issue card on reader</source>
        <translation>在读卡器上发卡</translation>
    </message>
    <message>
        <source>Card issued to %1</source>
        <translation>已为 %1 发卡</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>Explainer</name>
    <message>
        <source>{points} pts: {detail}</source>
        <translation>{points} 积分：{detail}</translation>
    </message>
    <message>
        <source>(rule {rule} v{version})</source>
        <translation>（规则 {rule} v{version}）</translation>
    </message>
    <message>
        <source>Registered staff member {name} as {role}</source>
        <translation>登记员工 {name}，角色：{role}</translation>
    </message>
    <message>
        <source>Enrolled {name} as member &apos;{handle}&apos;</source>
        <translation>{name} 入会，会员号“{handle}”</translation>
    </message>
    <message>
        <source>Card {card} issued</source>
        <translation>已发卡 {card}</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>已修改密码</translation>
    </message>
    <message>
        <source>Card {card} blocked: {reason}</source>
        <translation>卡 {card} 已冻结：{reason}</translation>
    </message>
    <message>
        <source>Card alert: {reason}</source>
        <translation>卡片警报：{reason}</translation>
    </message>
    <message>
        <source>Card replaced: moved to card {card}</source>
        <translation>已换卡：余额转至卡 {card}</translation>
    </message>
    <message>
        <source>Replacement card {card} for card {from_card}</source>
        <translation>补办卡 {card}，替换卡 {from_card}</translation>
    </message>
    <message>
        <source>: deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>：储值 {deposit}，赠送金额 {bonus}，{points} 积分</translation>
    </message>
    <message>
        <source>{points} pts: staff adjustment by a {role}: {reason}</source>
        <translation>{points} 积分：{role}人工调整：{reason}</translation>
    </message>
    <message>
        <source>Shift opened by {name} ({role})</source>
        <translation>{name}（{role}）开班</translation>
    </message>
    <message>
        <source>Shift {shift} closed by {name}:</source>
        <translation>班次 {shift} 由 {name} 交班：</translation>
    </message>
    <message>
        <source> {pay_method} top-ups {topups}, sales {sales}, refunds {refunds};</source>
        <translation> {pay_method} 充值 {topups}，销售 {sales}，退款 {refunds}；</translation>
    </message>
    <message>
        <source> bonus {bonus}, points issued {issued}, redeemed {redeemed}, adjusted {adjusted}</source>
        <translation> 赠送金额 {bonus}，发放积分 {issued}，兑换 {redeemed}，调整 {adjusted}</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见反馈</translation>
    </message>
    <message>
        <source> {rating}/5</source>
        <translation> {rating}/5 分</translation>
    </message>
    <message>
        <source> on {category}</source>
        <translation>（{category}）</translation>
    </message>
    <message>
        <source>: &quot;{text}&quot;</source>
        <translation>：“{text}”</translation>
    </message>
    <message>
        <source>Top-up {amount} by {pay_method}: deposit +{deposit}</source>
        <translation>充值 {amount}（{pay_method}）：储值 +{deposit}</translation>
    </message>
    <message>
        <source>, bonus +{bonus} for a deposit of at least {min} {rule}</source>
        <translation>，赠送金额 +{bonus}（单次充值满 {min}）{rule}</translation>
    </message>
    <message>
        <source> (no bonus tier reached)</source>
        <translation>（未达赠送档位）</translation>
    </message>
    <message>
        <source>Stored value refunded: deposit {deposit} paid out, bonus {bonus} forfeited</source>
        <translation>储值已退款：退还储值 {deposit}，作废赠送金额 {bonus}</translation>
    </message>
    <message>
        <source>Membership bought for {fee} by {pay_method}, valid to {date} {rule}</source>
        <translation>购买会员资格 {fee}（{pay_method}），有效期至 {date} {rule}</translation>
    </message>
    <message>
        <source>Membership renewed for {fee} by {pay_method}, valid to {date} {rule}</source>
        <translation>续费会员资格 {fee}（{pay_method}），有效期至 {date} {rule}</translation>
    </message>
    <message>
        <source>Purchase {seq} {amount} by {pay_method}</source>
        <translation>消费 {seq} {amount}（{pay_method}）</translation>
    </message>
    <message>
        <source> (deposit {deposit}, bonus {bonus})</source>
        <translation>（储值 {deposit}，赠送金额 {bonus}）</translation>
    </message>
    <message>
        <source>: list {list}</source>
        <translation>：原价 {list}</translation>
    </message>
    <message>
        <source>, member prices -{amount}</source>
        <translation>，会员价 -{amount}</translation>
    </message>
    <message>
        <source>, discount {rate} off -{amount} {rule}</source>
        <translation>，折扣 {rate} 减 {amount} {rule}</translation>
    </message>
    <message>
        <source>, voucher {voucher} -{amount}</source>
        <translation>，优惠券 {voucher} -{amount}</translation>
    </message>
    <message>
        <source>Return of purchase {purchase} ({amount}): {points} pts of {earned} earned</source>
        <translation>退货 {purchase}（{amount}）：已得 {earned} 积分中扣回 {points}</translation>
    </message>
    <message>
        <source>, shortfall {shortfall} pts (already spent)</source>
        <translation>，不足 {shortfall} 积分（已使用）</translation>
    </message>
    <message>
        <source>; stored value back: deposit +{deposit}, bonus +{bonus}</source>
        <translation>；退回储值：储值 +{deposit}，赠送金额 +{bonus}</translation>
    </message>
    <message>
        <source>; refund by {pay_method}</source>
        <translation>；以{pay_method}退款</translation>
    </message>
    <message>
        <source>; voucher {voucher} reinstated</source>
        <translation>；优惠券 {voucher} 已恢复</translation>
    </message>
    <message>
        <source>Return of {items} from purchase {purchase} ({amount}): {points} pts of {earned} earned</source>
        <translation>退回购买 {purchase} 中的 {items}（{amount}）：积分 {points}，原获 {earned}</translation>
    </message>
    <message>
        <source>{quantity} × {name}</source>
        <translation>{quantity} × {name}</translation>
    </message>
    <message>
        <source>; threshold bonus {rule} taken back (the rest is below {min_spend})</source>
        <translation>；门槛奖励 {rule} 已收回（剩余金额低于 {min_spend}）</translation>
    </message>
    <message>
        <source>Voucher {voucher} void: purchase {purchase} is now {remaining}, below the {min_spend} that issued it</source>
        <translation>优惠券 {voucher} 作废：购买 {purchase} 现为 {remaining}，低于发券所需的 {min_spend}</translation>
    </message>
    <message>
        <source>{amount} × {points_per} pt/{per} × {tier} {multiplier}</source>
        <translation>{amount} × {points_per} 积分/{per} × {tier} {multiplier}</translation>
    </message>
    <message>
        <source> × promotion {multiplier}</source>
        <translation> × 促销 {multiplier}</translation>
    </message>
    <message>
        <source> ({rounding}) {rule}</source>
        <translation>（{rounding}）{rule}</translation>
    </message>
    <message>
        <source>first visit of {date} {rule}</source>
        <translation>{date} 当日首次到店 {rule}</translation>
    </message>
    <message>
        <source>purchase {amount} reached {min_spend} {rule}</source>
        <translation>消费 {amount} 满 {min_spend} {rule}</translation>
    </message>
    <message>
        <source>promotion bonus {from} to {to} {rule}</source>
        <translation>促销奖励（{from} 至 {to}）{rule}</translation>
    </message>
    <message>
        <source>offer &apos;{title}&apos; accepted (offer {offer} v{version}, {source})</source>
        <translation>已领取优惠“{title}”（优惠 {offer} v{version}，{source}）</translation>
    </message>
    <message>
        <source>earned</source>
        <translation>获得积分</translation>
    </message>
    <message>
        <source>; capped from {capped_from} by the {cap} cap of {cap_points}</source>
        <translation>；超出{cap}上限 {cap_points}，原为 {capped_from}</translation>
    </message>
    <message>
        <source>{points} pts: reward &apos;{name}&apos;</source>
        <translation>{points} 积分：兑换“{name}”</translation>
    </message>
    <message>
        <source> → bonus +{credit} at {value_per_point} per point</source>
        <translation> → 赠送金额 +{credit}（每积分 {value_per_point}）</translation>
    </message>
    <message>
        <source>, cash part {cash} by {pay_method}</source>
        <translation>，另付现金部分 {cash}（{pay_method}）</translation>
    </message>
    <message>
        <source>{points} pts: expired, batch {batch} earned {earned}, valid to {date}</source>
        <translation>{points} 积分：已过期，批次 {batch} 获得于 {earned}，有效期至 {date}</translation>
    </message>
    <message>
        <source>Tier review of {date}</source>
        <translation>{date} 等级评定</translation>
    </message>
    <message>
        <source>spend {amount}</source>
        <translation>消费 {amount}</translation>
    </message>
    <message>
        <source>{points} pts earned</source>
        <translation>获得 {points} 积分</translation>
    </message>
    <message>
        <source>Tier {from} → {to}: {value} in {days} days</source>
        <translation>等级 {from} → {to}：{days} 天内{value}</translation>
    </message>
    <message>
        <source> at the review of {date}</source>
        <translation>，于 {date} 评定</translation>
    </message>
    <message>
        <source> reached {min} (upgrade)</source>
        <translation>，达到 {min}（升级）</translation>
    </message>
    <message>
        <source>Voucher {seq}: {value} off</source>
        <translation>优惠券 {seq}：减 {value}</translation>
    </message>
    <message>
        <source> a spend of {min_spend}</source>
        <translation>（满 {min_spend} 可用）</translation>
    </message>
    <message>
        <source>, valid to {date}</source>
        <translation>，有效期至 {date}</translation>
    </message>
    <message>
        <source> (offer &apos;{title}&apos;, {source})</source>
        <translation>（优惠“{title}”，{source}）</translation>
    </message>
    <message>
        <source> for purchase {purchase} of {amount} {rule}</source>
        <translation>，因消费 {purchase}（{amount}）获得 {rule}</translation>
    </message>
    <message>
        <source>Voucher {voucher} used: -{value} on purchase {purchase}</source>
        <translation>优惠券 {voucher} 已使用：消费 {purchase} 减 {value}</translation>
    </message>
    <message>
        <source>Voucher {voucher} void: purchase {purchase} that issued it was returned</source>
        <translation>优惠券 {voucher} 作废：发券的消费 {purchase} 已退货</translation>
    </message>
    <message>
        <source>Voucher {voucher} ({value}) expired unused, valid to {date}</source>
        <translation>优惠券 {voucher}（{value}）未使用已过期，有效期至 {date}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>无期限</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>per-purchase</source>
        <translation>单笔</translation>
    </message>
    <message>
        <source>stored_value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>向下取整</translation>
    </message>
    <message>
        <source>ceil</source>
        <translation>向上取整</translation>
    </message>
    <message>
        <source>half_up</source>
        <translation>四舍五入</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>hq</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>food</source>
        <translation>菜品</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>cleanliness</source>
        <translation>卫生</translation>
    </message>
    <message>
        <source>waiting_time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>top tier: {tier}</source>
        <translation>已是最高等级：{tier}</translation>
    </message>
    <message>
        <source>spend {amount} more for {tier}</source>
        <translation>再消费 {amount} 可升至{tier}</translation>
    </message>
    <message>
        <source>earn {points} more points for {tier}</source>
        <translation>再获得 {points} 积分可升至{tier}</translation>
    </message>
    <message>
        <source>Brought up to date with headquarters: deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>已与总部同步：本金 {deposit}，赠送金 {bonus}，积分 {points}</translation>
    </message>
    <message>
        <source>Brought up to date from the card (written at kiosk {kiosk}): deposit {deposit}, bonus {bonus}, {points} pts</source>
        <translation>已按卡内记录更新（由自助机 {kiosk} 写入）：本金 {deposit}，赠送金 {bonus}，积分 {points}</translation>
    </message>
    <message>
        <source>Checked with headquarters: no change</source>
        <translation>已与总部核对：无变化</translation>
    </message>
    <message>
        <source>Card {card} blocked by headquarters: {reason}</source>
        <translation>总部已停用卡 {card}：{reason}</translation>
    </message>
    <message>
        <source>Fleet kiosk {kiosk}: {status}</source>
        <translation>门店终端 {kiosk}：{status}</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>同一卡号在两台终端使用</translation>
    </message>
    <message>
        <source>overspend</source>
        <translation>超额消费</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>已隔离</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>Something to tell us?</source>
        <translation>有什么想告诉我们的？</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>菜品</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Cleanliness</source>
        <translation>卫生</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Your comment (optional)</source>
        <translation>您的意见（选填）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>%1 of 5 stars</source>
        <translation>%1 星（满分 5 星）</translation>
    </message>
    <message>
        <source>Tap a star</source>
        <translation>请点选星级</translation>
    </message>
</context>
<context>
    <name>HistoryPhrase</name>
    <message>
        <source>{percent}% off</source>
        <comment>{percent} = percent off; {zhe} = tenths of the list price paid (zhe: 8 for 20% off)</comment>
        <translation>{zhe}折</translation>
    </message>
    <message>
        <source>voucher used</source>
        <translation>已用优惠券</translation>
    </message>
    <message>
        <source>Card issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <source>Membership started: welcome!</source>
        <translation>欢迎入会！</translation>
    </message>
    <message>
        <source>Top-up by %1</source>
        <translation>充值（%1）</translation>
    </message>
    <message>
        <source>Visit bonus</source>
        <translation>到店奖励</translation>
    </message>
    <message>
        <source>Points for your purchase</source>
        <translation>消费积分</translation>
    </message>
    <message>
        <source>Bonus for a big purchase</source>
        <translation>大额消费奖励</translation>
    </message>
    <message>
        <source>Promotion bonus</source>
        <translation>促销奖励</translation>
    </message>
    <message>
        <source>Offer: %1</source>
        <translation>优惠：%1</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>获得积分</translation>
    </message>
    <message>
        <source>Reward: %1</source>
        <translation>兑换：%1</translation>
    </message>
    <message>
        <source>Paid %1 from stored value</source>
        <translation>储值支付 %1</translation>
    </message>
    <message>
        <source>Purchase %1 by %2</source>
        <translation>消费 %1（%2）</translation>
    </message>
    <message>
        <source>Return of a purchase</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>New voucher: %1 off</source>
        <translation>新优惠券：减 %1</translation>
    </message>
    <message>
        <source>Voucher used</source>
        <translation>使用优惠券</translation>
    </message>
    <message>
        <source>Voucher expired</source>
        <translation>优惠券过期</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>积分过期</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Card replaced: balance moved</source>
        <translation>换卡：余额已转移</translation>
    </message>
    <message>
        <source>Adjusted by our staff</source>
        <translation>工作人员调整</translation>
    </message>
    <message>
        <source>Your feedback: thank you</source>
        <translation>感谢您的反馈</translation>
    </message>
    <message>
        <source>Paid membership</source>
        <translation>付费会员</translation>
    </message>
    <message>
        <source>Stored value refunded</source>
        <translation>储值退款</translation>
    </message>
    <message>
        <source>New tier: %1</source>
        <translation>新等级：%1</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>已修改密码</translation>
    </message>
    <message>
        <source>Card check</source>
        <translation>卡片安全检查</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Entry #%1</source>
        <translation>记录 #%1</translation>
    </message>
    <message>
        <source>rule %1 v%2</source>
        <translation>规则 %1 v%2</translation>
    </message>
    <message>
        <source>offer %1 v%2</source>
        <translation>优惠 %1 v%2</translation>
    </message>
    <message>
        <source>refers to #%1</source>
        <translation>关联 #%1</translation>
    </message>
    <message>
        <source>policy %1 v%2</source>
        <translation>政策 %1 v%2</translation>
    </message>
    <message>
        <source>Brought up to date with headquarters</source>
        <translation>已与总部同步</translation>
    </message>
    <message>
        <source>Brought up to date from your card</source>
        <translation>已按您的卡更新</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Tap a line for its details</source>
        <translation>点按一行查看详情</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Happy birthday, %1!</source>
        <translation>%1，生日快乐！</translation>
    </message>
    <message>
        <source>Welcome back, %1</source>
        <translation>欢迎回来，%1</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>%1 pts expire %2</source>
        <translation>%1 积分将于 %2 到期</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Picked for you</source>
        <translation>为您推荐</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>No offers right now</source>
        <translation>暂无优惠</translation>
    </message>
    <message>
        <source>Rewards</source>
        <translation>积分兑换</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>意见反馈</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值总额</translation>
    </message>
    <message>
        <source>Tap to see them</source>
        <translation>点按查看</translation>
    </message>
    <message>
        <source>Deposit %1
Bonus %2</source>
        <translation>储值 %1
赠送 %2</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Find member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <source>Name, phone or membership number</source>
        <translation>姓名、手机号或会员号</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Type part of a name, a phone number or a membership number. Chinese names can also be found by pinyin (liwei) or its initials (lw).</source>
        <translation>请输入姓名、手机号或会员号的一部分。中文姓名也可以用拼音（liwei）或拼音首字母（lw）查找。</translation>
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
        <translation>过敏：%1</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位偏好</translation>
    </message>
    <message>
        <source>Taste</source>
        <translation>口味</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Usual items</source>
        <translation>常点</translation>
    </message>
    <message>
        <source>Favourite categories</source>
        <translation>偏好品类</translation>
    </message>
    <message>
        <source>No profile from headquarters yet.</source>
        <translation>总部尚未提供该会员的资料。</translation>
    </message>
    <message>
        <source>Last visits</source>
        <translation>最近到店</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Payment for %1</source>
        <translation>收款：%1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Stored value (PIN)</source>
        <translation>储值支付（需密码）</translation>
    </message>
    <message>
        <source>Payment: no member selected</source>
        <translation>收款：未选择会员</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Enter PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt: %1</source>
        <translation>凭条：%1</translation>
    </message>
    <message>
        <source>%1 · kiosk %2 · entry %3</source>
        <translation>%1 · 终端 %2 · 记录 %3</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变动前</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变动后</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送金额</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Give feedback</source>
        <translation>意见反馈</translation>
    </message>
    <message>
        <source>Scan to check this entry</source>
        <translation>扫码核验此记录</translation>
    </message>
    <message>
        <source>For %1 · served by %2</source>
        <translation>会员 %1 · 经办 %2</translation>
    </message>
    <message>
        <source>For %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值总额</translation>
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
        <translation>请输入密码确认</translation>
    </message>
    <message>
        <source>Keep your card on the reader…</source>
        <translation>请将卡片保持在读卡区…</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>所需</translation>
    </message>
    <message>
        <source>%1 pts + %2</source>
        <translation>%1 积分 + %2</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值总额</translation>
    </message>
</context>
<context>
    <name>ReplaceCardScreen</name>
    <message>
        <source>Replace lost card of %1</source>
        <translation>挂失补卡：%1</translation>
    </message>
    <message>
        <source>Put a blank card on the reader, then choose the lost card:</source>
        <translation>请将空白卡放在读卡器上，然后选择挂失的卡：</translation>
    </message>
    <message>
        <source>Lost: card %1</source>
        <translation>挂失：卡 %1</translation>
    </message>
    <message>
        <source>Replace card: no member selected</source>
        <translation>补卡：未选择会员</translation>
    </message>
    <message>
        <source>This member has no active card to replace: issue a new card with New member + card.</source>
        <translation>此会员没有可补办的有效卡：请通过“新会员 + 发卡”发新卡。</translation>
    </message>
    <message>
        <source>Look the member up first (Find member), then come back here.</source>
        <translation>请先查找会员（查找会员），再回到此处。</translation>
    </message>
</context>
<context>
    <name>RewardsScreen</name>
    <message>
        <source>Rewards · you have %1 pts</source>
        <translation>积分兑换 · 您有 %1 积分</translation>
    </message>
    <message>
        <source>%1–%2 pts, you choose</source>
        <translation>%1–%2 积分，自选</translation>
    </message>
    <message>
        <source>%1 pts + %2</source>
        <translation>%1 积分 + %2</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>From %1 pts</source>
        <translation>%1 积分起</translation>
    </message>
    <message>
        <source>%1 more points needed</source>
        <translation>还差 %1 积分</translation>
    </message>
</context>
<context>
    <name>ScreenHeader</name>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>Shift of %1</source>
        <translation>班次：%1</translation>
    </message>
    <message>
        <source>Open since %1</source>
        <translation>开班时间 %1</translation>
    </message>
    <message>
        <source>No open shift</source>
        <translation>当前未开班</translation>
    </message>
    <message>
        <source>Pay method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>No payments in this shift yet: top-ups and purchases appear here by pay method.</source>
        <translation>本班次暂无收款：充值和消费将按支付方式显示在这里。</translation>
    </message>
    <message>
        <source>Open a shift to count the top-ups and purchases you take; close it to print the settlement.</source>
        <translation>开班后统计您经手的充值和消费；交班时生成结算。</translation>
    </message>
</context>
<context>
    <name>StaffLoginScreen</name>
    <message>
        <source>Staff login: %1</source>
        <translation>员工登录：%1</translation>
    </message>
</context>
<context>
    <name>StaffMenuScreen</name>
    <message>
        <source>Staff: %1 (%2)</source>
        <translation>员工：%1（%2）</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>会员：%1</translation>
    </message>
    <message>
        <source>No member selected: tap a member card or look one up</source>
        <translation>未选择会员：请刷会员卡或查找会员</translation>
    </message>
    <message>
        <source>New member + card</source>
        <translation>新会员 + 发卡</translation>
    </message>
    <message>
        <source>Find member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Payment / purchase</source>
        <translation>收款 / 消费</translation>
    </message>
    <message>
        <source>Replace lost card</source>
        <translation>挂失补卡</translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>Shift and settlement</source>
        <translation>班次与结算</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Offline: spending is limited</source>
        <translation>离线：消费受限</translation>
    </message>
    <message>
        <source>Card reader not working: please ask our staff</source>
        <translation>读卡器故障：请联系工作人员</translation>
    </message>
</context>
<context>
    <name>TopUpScreen</name>
    <message>
        <source>Top up for %1</source>
        <translation>充值：%1</translation>
    </message>
    <message>
        <source>Deposit %1, get %2 bonus</source>
        <translation>充 %1 送 %2</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Bonus: %1</source>
        <translation>赠送：%1</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Top up: no member selected</source>
        <translation>充值：未选择会员</translation>
    </message>
</context>
<context>
    <name>VouchersScreen</name>
    <message>
        <source>Your vouchers</source>
        <translation>我的优惠券</translation>
    </message>
    <message>
        <source>Vouchers are taken off at the till: tell our staff which one to use.</source>
        <translation>优惠券在收银台抵扣：结账时请告诉工作人员使用哪一张。</translation>
    </message>
    <message>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <source>With a purchase of %1 or more</source>
        <translation>消费满 %1 可用</translation>
    </message>
    <message>
        <source>No minimum spend</source>
        <translation>无最低消费</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <source>No vouchers right now. Offers on your home screen can give you one.</source>
        <translation>暂无优惠券。首页的专属优惠可以领取。</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::AdjustController</name>
    <message>
        <source>Points adjustment %1</source>
        <translation>积分调整 %1</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ControllerBase</name>
    <message>
        <source>Staff login required</source>
        <translation>请先登录员工账号</translation>
    </message>
    <message>
        <source>Choose a member first</source>
        <translation>请先选择会员</translation>
    </message>
    <message>
        <source>Tap the member&apos;s card or look the member up.</source>
        <translation>请刷会员卡或查找会员。</translation>
    </message>
    <message>
        <source>Not permitted</source>
        <translation>无此权限</translation>
    </message>
    <message>
        <source>Not enough balance</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>Please check your input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <source>Cannot do that now</source>
        <translation>暂时无法操作</translation>
    </message>
    <message>
        <source>Kiosk error: please ask our staff</source>
        <translation>终端故障：请联系工作人员</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>1 attempt left</source>
        <translation>还剩 1 次机会</translation>
    </message>
    <message>
        <source>%1 attempts left</source>
        <translation>还剩 %1 次机会</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation>密码已锁定</translation>
    </message>
    <message>
        <source>Try again after %1</source>
        <translation>请于 %1 后重试</translation>
    </message>
    <message>
        <source>There is no stored value on this account.</source>
        <translation>此账户没有储值余额。</translation>
    </message>
    <message>
        <source>Stored value %1; this needs %2.</source>
        <translation>储值余额 %1，本次需要 %2。</translation>
    </message>
    <message>
        <source>You have %1 points; this needs %2.</source>
        <translation>您有 %1 积分，本次需要 %2。</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>已兑完</translation>
    </message>
    <message>
        <source>Please choose another reward.</source>
        <translation>请选择其他礼品。</translation>
    </message>
    <message>
        <source>Limit reached</source>
        <translation>已达兑换上限</translation>
    </message>
    <message>
        <source>Each member can redeem this reward %1 times at most.</source>
        <translation>每位会员最多可兑换此礼品 %1 次。</translation>
    </message>
    <message>
        <source>Voucher expired</source>
        <translation>优惠券已过期</translation>
    </message>
    <message>
        <source>It expired on %1.</source>
        <translation>已于 %1 过期。</translation>
    </message>
    <message>
        <source>Voucher already used</source>
        <translation>优惠券已使用</translation>
    </message>
    <message>
        <source>Each voucher can be used once.</source>
        <translation>每张优惠券只能使用一次。</translation>
    </message>
    <message>
        <source>Spend more to use this voucher</source>
        <translation>消费金额未达优惠券使用门槛</translation>
    </message>
    <message>
        <source>Minimum spend %1; this purchase is %2.</source>
        <translation>最低消费 %1，本次消费 %2。</translation>
    </message>
    <message>
        <source>Card not registered</source>
        <translation>卡片未登记</translation>
    </message>
    <message>
        <source>Please ask our staff to register this card.</source>
        <translation>请联系工作人员登记此卡。</translation>
    </message>
    <message>
        <source>Card blocked</source>
        <translation>卡片已冻结</translation>
    </message>
    <message>
        <source>This card can no longer be used. Please ask our staff for help.</source>
        <translation>此卡已无法使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>Member not found</source>
        <translation>未找到会员</translation>
    </message>
    <message>
        <source>Please check the name, phone number or card, or ask our staff.</source>
        <translation>请核对姓名、手机号或卡片，或联系工作人员。</translation>
    </message>
    <message>
        <source>Card removed: nothing was charged</source>
        <translation>卡片已移开：未扣款</translation>
    </message>
    <message>
        <source>Hold your card on the reader until the receipt appears, then try again.</source>
        <translation>请将卡片保持在读卡区直到显示凭条，然后重试。</translation>
    </message>
    <message>
        <source>Above %1 points a supervisor must do this.</source>
        <translation>超过 %1 积分须由主管操作。</translation>
    </message>
    <message>
        <source>Put a blank card on the reader</source>
        <translation>请将空白卡放在读卡器上</translation>
    </message>
    <message>
        <source>This card is already in use: use a blank card</source>
        <translation>此卡已在使用：请使用空白卡</translation>
    </message>
    <message>
        <source>This card belongs to another system</source>
        <translation>此卡属于其他系统</translation>
    </message>
    <message>
        <source>The card left the reader: try again</source>
        <translation>卡片已离开读卡区：请重试</translation>
    </message>
    <message>
        <source>Not enough points</source>
        <translation>积分不足</translation>
    </message>
    <message>
        <source>Supervisor required</source>
        <translation>需要主管操作</translation>
    </message>
    <message>
        <source>Offline limit reached</source>
        <translation>已达离线消费上限</translation>
    </message>
    <message>
        <source>This card has made %1 offline payments or redemptions; it can spend again once the kiosk is back online.</source>
        <translation>此卡离线期间已消费或兑换 %1 次；本机恢复联网后即可继续使用。</translation>
    </message>
    <message>
        <source>While offline this card can spend %1 more; this needs %2.</source>
        <translation>离线期间此卡还可消费 %1；本次需要 %2。</translation>
    </message>
    <message>
        <source>Offline: spending paused</source>
        <translation>离线：暂停消费</translation>
    </message>
    <message>
        <source>The kiosk has been offline for over %1 hours. Please ask our staff.</source>
        <translation>本机离线已超过 %1 小时，请联系工作人员。</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::DeviceStatusController</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Online: no offline limit applies</source>
        <translation>在线：不受离线限额限制</translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n more payment(s), up to %1</source>
        <translation>
            <numerusform>离线：还可付款 %n 笔，最多 %1</numerusform>
        </translation>
    </message>
    <message>
        <source> (deny-list too old: offline spending stopped)</source>
        <translation>（黑名单过旧：已停止离线消费）</translation>
    </message>
    <message>
        <source>Ledger intact: %1 entries checked</source>
        <translation>账本完好：已校验 %1 条记录</translation>
    </message>
    <message>
        <source>Ledger damaged at entry #%1: %2</source>
        <translation>账本在记录 #%1 处损坏：%2</translation>
    </message>
    <message>
        <source>Ledger damaged: %1</source>
        <translation>账本损坏：%1</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::EnrolController</name>
    <message>
        <source>This member is already enrolled</source>
        <translation>此会员已入会</translation>
    </message>
    <message>
        <source>Start a new enrolment first.</source>
        <translation>请先开始新的入会登记。</translation>
    </message>
    <message>
        <source>Enrol the member first</source>
        <translation>请先办理入会</translation>
    </message>
    <message>
        <source>The card reader is not available</source>
        <translation>读卡器不可用</translation>
    </message>
    <message>
        <source>Enrol %1 (phone %2, birthday %3)</source>
        <translation>登记会员 %1（电话 %2，生日 %3）</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::FeedbackController</name>
    <message>
        <source>How was your stay?</source>
        <translation>您对本次入住满意吗？</translation>
    </message>
    <message>
        <source>How was your meal?</source>
        <translation>您对本次用餐满意吗？</translation>
    </message>
    <message>
        <source>How was your time at the club?</source>
        <translation>您对本次会所体验满意吗？</translation>
    </message>
    <message>
        <source>How was your shopping today?</source>
        <translation>您对本次购物满意吗？</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>您对本次光临满意吗？</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::HistoryController</name>
    <message>
        <source>%1 pts · %2</source>
        <translation>%1 积分 · %2</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::LookupController</name>
    <message>
        <source>Choose a member from the list</source>
        <translation>请从列表中选择会员</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::MemberProfileController</name>
    <message>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家庭</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Other gender</source>
        <translation>其他性别</translation>
    </message>
    <message>
        <source>Credit grade %1</source>
        <translation>信用等级 %1</translation>
    </message>
    <message>
        <source>Age %1</source>
        <translation>年龄 %1</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>菜品</translation>
    </message>
    <message>
        <source>Drinks</source>
        <translation>饮品</translation>
    </message>
    <message>
        <source>Dessert</source>
        <translation>甜品</translation>
    </message>
    <message>
        <source>Seafood</source>
        <translation>海鲜</translation>
    </message>
    <message>
        <source>Dim sum</source>
        <translation>点心</translation>
    </message>
    <message>
        <source>General</source>
        <translation>综合</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::PaymentController</name>
    <message>
        <source>Payment %1</source>
        <translation>收款 %1</translation>
    </message>
    <message>
        <source>Purchase %1</source>
        <translation>消费 %1</translation>
    </message>
    <message>
        <source>Charge %1 to %2&apos;s stored value</source>
        <translation>从%2的储值中扣款 %1</translation>
    </message>
    <message>
        <source>Record %1 paid by %2 for %3</source>
        <translation>为%3记录消费 %1（%2支付）</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ReceiptController</name>
    <message>
        <source>Printer not available</source>
        <translation>打印机不可用</translation>
    </message>
    <message>
        <source>%1 bonus is on your stored value now: spend it at the till.</source>
        <translation>%1 赠送金额已存入您的储值，可在收银台使用。</translation>
    </message>
    <message>
        <source>Show this receipt at the counter to collect your reward.</source>
        <translation>请向服务台出示此凭条领取奖励。</translation>
    </message>
    <message>
        <source>Member: %1</source>
        <translation>会员：%1</translation>
    </message>
    <message>
        <source>Staff: %1</source>
        <translation>经办：%1</translation>
    </message>
    <message>
        <source>Stored value: %1 → %2</source>
        <translation>储值：%1 → %2</translation>
    </message>
    <message>
        <source>Points: %1 → %2</source>
        <translation>积分：%1 → %2</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ReplaceCardController</name>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已换卡</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Choose the lost card</source>
        <translation>请选择挂失的卡</translation>
    </message>
    <message>
        <source>The card reader is not available</source>
        <translation>读卡器不可用</translation>
    </message>
    <message>
        <source>Card replaced</source>
        <translation>已补卡</translation>
    </message>
    <message>
        <source>Card replaced, but its balance is not on the card yet</source>
        <translation>已补卡，但余额尚未写入卡片</translation>
    </message>
    <message>
        <source>The balance is safe in the ledger; the card gets it at its next top-up or payment.</source>
        <translation>余额已安全记入账本；下次充值或付款时将写入卡片。</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::RewardModel</name>
    <message>
        <source>Out of stock</source>
        <translation>已兑完</translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>剩余 %n 份</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::ShiftController</name>
    <message>
        <source>too large</source>
        <translation>过大</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::StaffLoginController</name>
    <message>
        <source>Tap your staff card first</source>
        <translation>请先刷员工卡</translation>
    </message>
</context>
<context>
    <name>tapledger::kiosk::TapRouter</name>
    <message>
        <source>Blank card: ready to issue</source>
        <translation>空白卡：可发卡</translation>
    </message>
    <message>
        <source>Card not recognised. Please try another card or ask our staff.</source>
        <translation>无法识别此卡，请换一张卡或联系工作人员。</translation>
    </message>
    <message>
        <source>This card cannot be used here. Please ask our staff for help.</source>
        <translation>此卡不能在此使用，请联系工作人员。</translation>
    </message>
    <message>
        <source>This card has been blocked. Please ask our staff for help.</source>
        <translation>此卡已冻结，请联系工作人员。</translation>
    </message>
    <message>
        <source>This card is not registered at this kiosk yet. Please ask our staff.</source>
        <translation>此卡尚未在本终端登记，请联系工作人员。</translation>
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
        <translation>%1 及以上</translation>
    </message>
    <message>
        <source>%1: bonus %2</source>
        <translation>%1：赠送 %2</translation>
    </message>
    <message>
        <source>Top-up %1</source>
        <translation>充值 %1</translation>
    </message>
</context>
</TS>
