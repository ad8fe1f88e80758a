using WebWaka.Partner.Provisioning;

namespace WebWaka.UnitTests;

public sealed class ProvisioningProgressTests
{
    private static string[] Statuses(string? state, string? failedIn = null) =>
        ProvisioningProgress.Describe(state, failedIn).Select(s => s.Status).ToArray();

    [Fact]
    public void The_steps_are_named_in_order()
    {
        Assert.Equal(["CreateTenant", "CreateInstance", "InviteAdmin", "ActivateTenant"], ProvisioningProgress.Describe(null, null).Select(s => s.Name));
    }

    [Theory]
    [InlineData(null, "Pending", new[] { "Pending", "Pending", "Pending", "Pending" })]
    [InlineData("CreatingTenant", "Pending", new[] { "InProgress", "Pending", "Pending", "Pending" })]
    [InlineData("InvitingAdmin", "Pending", new[] { "Completed", "Completed", "InProgress", "Pending" })]
    [InlineData("ActivatingTenant", "Pending", new[] { "Completed", "Completed", "Completed", "InProgress" })]
    [InlineData("Completed", "Completed", new[] { "Completed", "Completed", "Completed", "Completed" })]
    public void A_running_or_finished_flow_shows_where_it_is(string? state, string status, string[] steps)
    {
        Assert.Equal(status, ProvisioningProgress.StatusOf(state));
        Assert.Equal(steps, Statuses(state));
    }

    [Theory]
    [InlineData("CreatingTenant", new[] { "Failed", "Skipped", "Skipped", "Skipped" })]
    [InlineData("CreatingInstance", new[] { "Undone", "Failed", "Skipped", "Skipped" })]
    public void A_failed_flow_shows_the_failed_step_what_was_undone_and_what_never_ran(string failedIn, string[] steps)
    {
        Assert.Equal("Failed", ProvisioningProgress.StatusOf("Failed"));
        Assert.Equal(steps, Statuses("Failed", failedIn));
    }
}
