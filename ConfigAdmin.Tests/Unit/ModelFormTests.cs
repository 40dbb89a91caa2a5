using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Model;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ModelFormTests
{
    [Fact]
    public void ApplicationForm_FromNothing_IsEmpty()
    {
        Assert.Equal(new ApplicationInput(null, null, null, null), ApplicationForm.From(null).ToInput());
    }

    [Fact]
    public void ApplicationForm_FromAnApplication_RoundTripsItsFieldsWithoutTheVersion()
    {
        var dto = new ApplicationDto("shop", "Web shop", "Shop team", "shop@example.com", DateTime.UtcNow, DateTime.UtcNow, 4, 2);

        Assert.Equal(new ApplicationInput("shop", "Web shop", "Shop team", "shop@example.com"), ApplicationForm.From(dto).ToInput());
    }

    [Fact]
    public void ApplicationForm_ToInput_TrimsNameOwnerAndEmailButNotTheDescription()
    {
        var form = new ApplicationForm { Name = " shop ", Owner = " team ", ContactEmail = " a@b.c ", Description = " text " };

        Assert.Equal(new ApplicationInput("shop", " text ", "team", "a@b.c"), form.ToInput());
    }

    [Fact]
    public void EnvironmentForm_FromAnEnvironment_RoundTripsItsFields()
    {
        var dto = new EnvironmentDto("qa", "Testing", 7, DateTime.UtcNow, DateTime.UtcNow, 1, 0);

        Assert.Equal(new EnvironmentInput("qa", "Testing", 7, RequiredApprovals: 0), EnvironmentForm.From(dto).ToInput());
    }

    [Fact]
    public void EnvironmentForm_ToInput_TrimsTheName()
    {
        Assert.Equal(new EnvironmentInput("qa", null, 0, RequiredApprovals: 0), new EnvironmentForm { Name = " qa " }.ToInput());
        Assert.Equal(new EnvironmentInput(null, null, 0, RequiredApprovals: 0), EnvironmentForm.From(null).ToInput());
    }
}
