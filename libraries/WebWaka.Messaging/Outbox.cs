using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using WebWaka.Data;

namespace WebWaka.Messaging;

/// <summary>A message waiting in a service's own database to be published to the bus.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>The message's type, as <c>Full.Name, Assembly</c>.</summary>
    public required string MessageType { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// The W3C trace context of the work that wrote the message, so that its publishing, and all that follows on the
    /// bus, joins the same distributed trace.
    /// </summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }
}

/// <summary>
/// Our transactional outbox. A message is written to the service's database in the same transaction as the
/// change it announces, and published from there afterwards, with its outbox id as MessageId. A crash
/// between the two neither drops the message nor publishes one that was never committed; a crash after
/// publishing and before marking publishes it again, which consumers absorb, being idempotent.
/// </summary>
public static class Outbox
{
    /// <summary>The source of the outbox's own spans: one per message published, in the trace that wrote it.</summary>
    public static readonly ActivitySource Telemetry = new("WebWaka.Outbox");

    private const string NotificationChannel = "outbox_messages_written";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static long _lastWrittenTicks;

    public static void AddOutbox(this ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxMessage>(message =>
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.Id).HasColumnName("id");
        message.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(300);
        message.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
        message.Property(m => m.CreatedAt).HasColumnName("created_at");
        message.Property(m => m.PublishedAt).HasColumnName("published_at");
        message.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        message.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
        message.HasIndex(m => m.CreatedAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
        message.HasIndex(m => m.PublishedAt).HasFilter("published_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_published");
    });

    /// <summary>
    /// The migration step that made every commit that wrote to the outbox notify the publishers LISTENing: a statement
    /// trigger calling <c>pg_notify</c>. Publishing from the committing process itself (<see cref="OutboxCommits{TContext}"/>)
    /// replaced it; the migrations that added and dropped it still run it.
    /// </summary>
    public static void AddOutboxNotifications(this MigrationBuilder migration) => migration.Sql($"""
        CREATE FUNCTION outbox_messages_written() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{NotificationChannel}', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER outbox_messages_written AFTER INSERT ON outbox_messages
            FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_written();
        """);

    public static void DropOutboxNotifications(this MigrationBuilder migration) => migration.Sql("""
        DROP TRIGGER outbox_messages_written ON outbox_messages;
        DROP FUNCTION outbox_messages_written();
        """);

    /// <summary>Queues a message to publish once the DbContext's changes are saved.</summary>
    public static void Publish<T>(this DbContext database, T message) where T : class =>
        database.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = NewId.NextGuid(),
            MessageType = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(message, Json),
            CreatedAt = NextWriteTime(),
            TraceParent = Activity.Current?.Id,
            TraceState = Activity.Current?.TraceStateString,
        });

    /// <summary>
    /// Strictly increasing at PostgreSQL's microsecond precision, so messages written one after another (often in
    /// the same transaction) are published in that order.
    /// </summary>
    private static DateTimeOffset NextWriteTime()
    {
        const long Microsecond = TimeSpan.TicksPerMillisecond / 1000;
        var now = DateTimeOffset.UtcNow.UtcTicks / Microsecond * Microsecond;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastWrittenTicks);
            next = Math.Max(now, last + Microsecond);
        }
        while (Interlocked.CompareExchange(ref _lastWrittenTicks, next, last) != last);

        return new DateTimeOffset(next, TimeSpan.Zero);
    }

    /// <summary>
    /// Publishes what <typeparamref name="TContext"/>'s outbox holds, in the background, as soon as a transaction that
    /// wrote to it commits; <c>Outbox__Retention</c> (a day) is how long published messages are kept.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxPublisher<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.AddSingleton(new OutboxSettings(builder.Configuration.GetValue<TimeSpan?>("Outbox:Retention") ?? TimeSpan.FromDays(1)));
        builder.Services.AddSingleton<OutboxCommits<TContext>>();
        builder.Services.ConfigureDbContext<TContext>((services, options) => options.AddInterceptors(services.GetRequiredService<OutboxCommits<TContext>>()));
        builder.Services.AddHostedService<OutboxPublisher<TContext>>();
        return builder;
    }

    internal static object Deserialize(OutboxMessage message, out Type type)
    {
        type = Type.GetType(message.MessageType, throwOnError: true)!;
        return JsonSerializer.Deserialize(message.Body, type, Json)!;
    }
}
