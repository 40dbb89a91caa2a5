namespace ConfigAdmin.Client.Sample;

/// <summary>The demo data's <c>Payments:*</c> keys of <c>checkout-api</c>.</summary>
public sealed class PaymentsOptions
{
    public int TimeoutSeconds { get; set; }
    public double RetryBackoff { get; set; }
    public string ApiKey { get; set; } = "";
}

/// <summary>The demo data's <c>Features:*</c> keys.</summary>
public sealed class FeatureOptions
{
    public bool OneClickBuy { get; set; }
}
