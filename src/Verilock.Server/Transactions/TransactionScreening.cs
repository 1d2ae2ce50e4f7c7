using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Domain.Common;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Transactions;
using Verilock.Server.Aml;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// Screens transactions (spec §19) and stores them in one save: each sender's history read from the database (so
/// every instance counts the same), both counterparty names screened through the AML screener (test keys: the
/// sandbox list), the built-in rules evaluated with the account's thresholds (<see cref="AccountRuleSettings"/>), and a
/// screening stored for each matched name (bulk-inserted with the transactions, <see cref="TransactionInserts"/>).
/// Items of one batch see the earlier items of the batch in their history.
/// </summary>
public sealed class TransactionScreening(VerilockDbContext db, AmlScreener screener, AccountRuleSettings ruleSettings, TimeProvider time)
{
    /// <summary>Whether screening can run now (live keys need a loaded sanctions list).</summary>
    public bool IsAvailable(bool liveMode) => screener.IsAvailable(liveMode);

    public async Task<IReadOnlyList<Transaction>> ScreenAsync(ApiCaller caller, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken)
    {
        var threshold = (double)await db.Accounts.AsNoTracking()
            .Where(a => a.Id == caller.AccountId).Select(a => a.AmlThreshold).FirstAsync(cancellationToken);
        var settings = await ruleSettings.EffectiveAsync(caller, cancellationToken);
        var lists = screener.DefaultLists(caller.LiveMode);
        var stored = await ReadHistoryAsync(caller, requests, settings, cancellationToken);
        var matches = ScreenNames(caller, requests, lists, threshold);
        var screened = new List<Transaction>(requests.Count);
        var screenings = new List<AmlScreening>();
        foreach (var request in requests)
        {
            var facts = request.Facts;
            var id = Transaction.NewId();
            var history = History(facts, request.OccurredAt, stored, screened, settings);
            var now = time.UtcMicroseconds();
            var sender = Record(caller, facts.Sender.Name, matches[facts.Sender.Name], lists, threshold, id, request.SessionId, now, screenings);
            var receiver = Record(caller, facts.Receiver.Name, matches[facts.Receiver.Name], lists, threshold, id, request.SessionId, now, screenings);
            var evaluation = TransactionRules.Evaluate(facts, history, new CounterpartyMatches(sender?.HighestScore, receiver?.HighestScore), settings);
            var counterparties = new CounterpartyScreening(
                PartyScreening.Of(sender?.HighestScore, sender?.Id), PartyScreening.Of(receiver?.HighestScore, receiver?.Id));
            var transaction = Transaction.Screen(new Transaction.ScreenArgs(
                id, caller.AccountId, caller.LiveMode, facts, request.ReferenceId, request.SessionId, request.Metadata, request.OccurredAt,
                counterparties, evaluation), now);
            screened.Add(transaction);
        }
        await TransactionInserts.SaveAsync(db, screened, screenings, cancellationToken);
        return screened;
    }

    /// <summary>
    /// Every distinct name of the batch screened once, on up to one thread per core (the index is thread-safe); the
    /// screenings themselves are recorded one by one afterwards, the context being single-threaded.
    /// </summary>
    private Dictionary<string, IReadOnlyList<AmlMatch>> ScreenNames(
        ApiCaller caller, IReadOnlyList<TransactionRequest> requests, IReadOnlyList<string> lists, double threshold)
    {
        var names = requests.SelectMany(r => new[] { r.Facts.Sender.Name, r.Facts.Receiver.Name }).Distinct(StringComparer.Ordinal).ToArray();
        var found = new IReadOnlyList<AmlMatch>[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => found[i] = screener.Screen(new AmlQuery(names[i], null, null, null, null), lists, threshold, caller.LiveMode) ?? []);
        return names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => found[p.i], StringComparer.Ordinal);
    }

    /// <summary>The screening of one counterparty name, added to <paramref name="screenings"/> (the save's) when the name matched; null when clear.</summary>
    private static AmlScreening? Record(
        ApiCaller caller, string name, IReadOnlyList<AmlMatch> matches, IReadOnlyList<string> lists, double threshold, string transactionId,
        string? sessionId, DateTime now, List<AmlScreening> screenings)
    {
        if (matches.Count == 0)
            return null;
        var screening = AmlScreening.Create(
            new AmlScreening.CreateArgs(caller.AccountId, caller.LiveMode, new AmlQuery(name, null, null, null, null), lists, threshold, matches,
                transactionId, sessionId), now, now);
        screenings.Add(screening);
        return screening;
    }

    /// <summary>
    /// What the database holds for the batch's sender accounts, read in two statements for the whole batch
    /// (<see cref="TransactionHistoryReads"/>): their transactions in the widest window any item needs, and which of
    /// the batch's sender → receiver pairs were paid before.
    /// </summary>
    private sealed record StoredHistory(ILookup<string, TransactionHistoryReads.Sent> Sent, HashSet<(string, string)> Paid);

    private async Task<StoredHistory> ReadHistoryAsync(
        ApiCaller caller, IReadOnlyList<TransactionRequest> requests, TransactionRuleSettings settings, CancellationToken cancellationToken)
    {
        var withSender = requests.Where(r => r.Facts.Sender.Account is not null).ToList();
        if (withSender.Count == 0)
            return new StoredHistory(Array.Empty<TransactionHistoryReads.Sent>().ToLookup(s => s.SenderAccount), []);
        var senders = withSender.Select(r => r.Facts.Sender.Account!).Distinct(StringComparer.Ordinal).ToList();
        var widest = settings.VelocityCountWindow > settings.VelocityAmountWindow ? settings.VelocityCountWindow : settings.VelocityAmountWindow;
        var from = withSender.Min(r => r.OccurredAt) - widest;
        var to = withSender.Max(r => r.OccurredAt);
        var sent = await TransactionHistoryReads.SentAsync(db, caller.AccountId, caller.LiveMode, senders, from, to, cancellationToken);
        var pairs = withSender.Where(r => r.Facts.Receiver.Account is not null)
            .Select(r => (r.Facts.Sender.Account!, r.Facts.Receiver.Account!)).Distinct().ToList();
        var paid = await TransactionHistoryReads.PaidAsync(db, caller.AccountId, caller.LiveMode, pairs, cancellationToken);
        return new StoredHistory(sent.ToLookup(s => s.SenderAccount, StringComparer.Ordinal), paid);
    }

    /// <summary>The sender account's transactions in the velocity windows ending at <paramref name="at"/>, and whether it paid this receiver before.</summary>
    private static TransactionHistory History(
        TransactionFacts facts, DateTime at, StoredHistory stored, IReadOnlyList<Transaction> earlierInBatch, TransactionRuleSettings settings)
    {
        var senderAccount = facts.Sender.Account;
        if (senderAccount is null)
            return TransactionHistory.Empty;
        var countFrom = at - settings.VelocityCountWindow;
        var amountFrom = at - settings.VelocityAmountWindow;
        var count = 0;
        var amount = 0.0;
        void Add(DateTime occurredAt, string currency, double value)
        {
            if (occurredAt > at)
                return;
            if (occurredAt > countFrom)
                count++;
            if (occurredAt > amountFrom && currency == facts.Currency)
                amount += value;
        }
        foreach (var sent in stored.Sent[senderAccount])
            Add(sent.OccurredAt, sent.Currency, sent.Amount);
        foreach (var earlier in earlierInBatch.Where(t => t.SenderAccount == senderAccount))
            Add(earlier.OccurredAt, earlier.Currency, earlier.Amount);
        var receiverAccount = facts.Receiver.Account;
        var seen = receiverAccount is not null
            && (stored.Paid.Contains((senderAccount, receiverAccount))
                || earlierInBatch.Any(t => t.SenderAccount == senderAccount && t.ReceiverAccount == receiverAccount));
        return new TransactionHistory(count, amount, seen);
    }
}
