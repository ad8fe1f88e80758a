using System.Collections.Concurrent;
using MassTransit;

namespace WebWaka.ServiceTests.Invitation;

/// <summary>
/// Watches the real bus of the service under test: the messages its consumers finished with. A delivery that must
/// change nothing can only be proved once it is known to have been handled.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentQueue<object> _messages = [];

    public int Count<T>(Func<T, bool> match) where T : class => _messages.OfType<T>().Count(match);

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _messages.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
