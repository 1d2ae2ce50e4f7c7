using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Aml;
using Verilock.Domain.Common;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Aml;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// Screens transactions (spec §19) and stores them in one save: each sender's history read from the database (so
/// every instance counts the same), both counterparty names screened through the AML screener (test keys: the
/// sandbox list), the built-in rules evaluated, and a screening stored for each matched name. Items of one batch see
/// the earlier items of the batch in their history.
/// </summary>
public sealed class TransactionScreening(VerilockDbContext db, AmlScreener screener, IOptions<TransactionOptions> options, TimeProvider time)
{
    private readonly TransactionRuleSettings _settings = options.Value.ToSettings();

    /// <summary>Whether screening can run now (live keys need a loaded sanctions list).</summary>
    public bool IsAvailable(bool liveMode) => screener.IsAvailable(liveMode);

    public async Task<IReadOnlyList<Transaction>> ScreenAsync(ApiCaller caller, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken)
    {
        var threshold = (double)await db.Accounts.AsNoTracking()
            .Where(a => a.Id == caller.AccountId).Select(a => a.AmlThreshold).FirstAsync(cancellationToken);
        var lists = screener.DefaultLists(caller.LiveMode);
        var screened = new List<Transaction>(requests.Count);
        foreach (var request in requests)
        {
            var facts = request.Facts;
            var id = Transaction.NewId();
            var history = await HistoryAsync(caller, facts, request.OccurredAt, screened, cancellationToken);
            var now = time.UtcMicroseconds();
            var sender = ScreenName(caller, facts.Sender.Name, lists, threshold, id, request.SessionId, now);
            var receiver = ScreenName(caller, facts.Receiver.Name, lists, threshold, id, request.SessionId, now);
            var evaluation = TransactionRules.Evaluate(facts, history, new CounterpartyMatches(sender?.HighestScore, receiver?.HighestScore), _settings);
            var counterparties = new CounterpartyScreening(
                PartyScreening.Of(sender?.HighestScore, sender?.Id), PartyScreening.Of(receiver?.HighestScore, receiver?.Id));
            var transaction = Transaction.Screen(new Transaction.ScreenArgs(
                id, caller.AccountId, caller.LiveMode, facts, request.ReferenceId, request.SessionId, request.Metadata, request.OccurredAt,
                counterparties, evaluation), now);
            screened.Add(transaction);
        }
        db.Transactions.AddRange(screened);
        await db.SaveChangesAsync(cancellationToken);
        return screened;
    }

    /// <summary>A screening of one counterparty name, added to the save when the name matched; null when clear.</summary>
    private AmlScreening? ScreenName(
        ApiCaller caller, string name, IReadOnlyList<string> lists, double threshold, string transactionId, string? sessionId, DateTime now)
    {
        var query = new AmlQuery(name, null, null, null, null);
        var matches = screener.Screen(query, lists, threshold, caller.LiveMode) ?? [];
        if (matches.Count == 0)
            return null;
        var screening = AmlScreening.Create(
            new AmlScreening.CreateArgs(caller.AccountId, caller.LiveMode, query, lists, threshold, matches, transactionId, sessionId), now, now);
        db.AmlScreenings.Add(screening);
        return screening;
    }

    /// <summary>The sender account's transactions in the velocity windows ending at <paramref name="at"/>, and whether it paid this receiver before.</summary>
    private async Task<TransactionHistory> HistoryAsync(
        ApiCaller caller, TransactionFacts facts, DateTime at, IReadOnlyList<Transaction> earlierInBatch, CancellationToken cancellationToken)
    {
        var senderAccount = facts.Sender.Account;
        if (senderAccount is null)
            return TransactionHistory.Empty;
        var countFrom = at - _settings.VelocityCountWindow;
        var amountFrom = at - _settings.VelocityAmountWindow;
        var sent = db.Transactions.AsNoTracking()
            .Where(t => t.AccountId == caller.AccountId && t.LiveMode == caller.LiveMode && t.SenderAccount == senderAccount && t.OccurredAt <= at);
        var count = await sent.CountAsync(t => t.OccurredAt > countFrom, cancellationToken);
        var amount = await sent.Where(t => t.OccurredAt > amountFrom && t.Currency == facts.Currency).SumAsync(t => t.Amount, cancellationToken);
        var receiverAccount = facts.Receiver.Account;
        var seen = receiverAccount is not null
            && await db.Transactions.AsNoTracking().AnyAsync(
                t => t.AccountId == caller.AccountId && t.LiveMode == caller.LiveMode && t.SenderAccount == senderAccount && t.ReceiverAccount == receiverAccount,
                cancellationToken);

        foreach (var earlier in earlierInBatch.Where(t => t.SenderAccount == senderAccount && t.OccurredAt <= at))
        {
            if (earlier.OccurredAt > countFrom)
                count++;
            if (earlier.OccurredAt > amountFrom && earlier.Currency == facts.Currency)
                amount += earlier.Amount;
        }
        seen |= receiverAccount is not null && earlierInBatch.Any(t => t.SenderAccount == senderAccount && t.ReceiverAccount == receiverAccount);
        return new TransactionHistory(count, amount, seen);
    }
}
