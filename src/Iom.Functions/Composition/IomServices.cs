using Iom.Application;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Mail;
using Iom.Application.People;
using Iom.Application.Ports.Rendering;
using Iom.Application.Retention;
using Iom.Application.Throttling;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Application.Panels.Membership;
using Iom.Application.Panels.Minutes;
using Iom.Application.Cohort;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Acknowledge;
using Iom.Application.Referrals.Read;
using Iom.Application.Referrals.Submit;
using Iom.Application.Referrals.Withdraw;
using Iom.Application.Agencies;
using Iom.Application.Wards;
using Iom.Application.Wards.Mapping;
using Iom.Domain.Agencies;
using Iom.Domain.Wards;
using Iom.Domain.Calendar;
using Microsoft.Extensions.Options;
using Iom.Functions.Http;
using Iom.Functions.Referrals.Form;
using Iom.Functions.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Composition;

/// <summary>
/// Everything the function classes need, registered once for the worker in Azure and for the local host alike.
/// Which adapter serves each port is chosen by configuration (see README, "Configuration"); Azure is the default.
/// </summary>
public static class IomServices
{
    public static IServiceCollection AddIomFunctions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(FunctionCatalog.ForApp());
        services.AddSingleton<CallerRateLimit>();
        services.AddSingleton<HttpPipeline>();
        services.AddHostedService<EndpointPolicyCheck>();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpLimitOptions>().Bind(configuration.GetSection(HttpLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // The catch-all's route table, from whichever catalog the host registered (the local host adds test functions).
        services.TryAddSingleton(sp => new FunctionRoutes(sp.GetRequiredService<FunctionCatalog>(),
            new Microsoft.AspNetCore.Routing.DefaultInlineConstraintResolver(Options.Create(new Microsoft.AspNetCore.Routing.RouteOptions()), sp)));
        services.AddHealthChecks()
            .AddCheck<AuthenticationFrontEndHealthCheck>(AuthenticationFrontEndHealthCheck.Name, tags: [AuthenticationFrontEndHealthCheck.PublicReasonTag]);
        // Identity is trusted only behind App Service Authentication; the local host replaces this in Development.
        services.TryAddSingleton<IAuthenticationFrontEnd, AppServiceAuthentication>();
        services.AddOptions<IdentityProviderOptions>().Bind(configuration.GetSection(IdentityProviderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Health.HealthReportCache>();

        services.AddAdapters(configuration);

        services.AddSingleton<Iom.Application.Outbox.OutboxRelay>();
        services.AddSingleton<Iom.Application.Outbox.OutboxNudges>();
        services.AddHostedService<Operations.OutboxNudgeService>();
        services.AddSingleton<Iom.Application.Idempotency.IdempotencyLedger>();
        // One allow-list for every e-mail: the intake's check and the sending chokepoint read the same options. The
        // demo domain is allowed by the environment, after binding, so no setting can allow it in Azure.
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName))
            .PostConfigure(o => o.AllowExampleDomains = environment.IsDevelopment()).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<SecureMailDomains>();
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OnceOnlyMail>();
        services.AddSingleton<SendQueuedMail>();
        // Delivery events: SendGrid's signed webhook, recorded per recipient (a malformed key stops the start).
        services.AddOptions<MailEventOptions>().Bind(configuration.GetSection(Iom.Adapters.SendGrid.SendGridOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailEventOptions>, MailEventOptionsValidator>();
        services.AddSingleton<MailEventSignature>();
        services.AddSingleton<Security.SendGridEventSignature>();
        services.AddSingleton<MailDeliveries>();
        // One renderer for every page and e-mail of every flow.
        services.AddSingleton<ITemplateRenderer, HandlebarsTemplateRenderer>();
        services.AddSingleton<PageRenderer>();

        services.AddReferrals(configuration);
        services.AddReferralForm(environment);
        Panels.Circulations.CirculationServices.AddCirculation(services);
        Releases.ReleaseAlertServices.AddReleaseAlerts(services, configuration);
        Releases.ReleaseIntakeServices.AddReleaseIntake(services, configuration);
        Offending.OffendingServices.AddOffending(services, configuration);
        Performance.PerformanceServices.AddRollups(services);
        Performance.PerformanceServices.AddDashboard(services, configuration);
        return services;
    }

    private static void AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReferralOptions>().Bind(configuration.GetSection(ReferralOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PanelsOptions>().Configure(o => configuration.GetSection(PanelsOptions.SectionName).Bind(o.Panels)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PanelsOptions>, PanelsOptionsValidator>();
        services.AddSingleton<PanelDirectory>();
        services.AddWards(configuration);
        services.AddAgencies(configuration);
        services.AddPanelMembership();
        // England-and-Wales bank holidays: the rules plus the library's list (see WorkingDayCalendar).
        services.AddSingleton(new WorkingDayCalendar());
        services.AddSingleton<MeetingCalendar>();
        services.AddSingleton<IdentityClaims>();
        services.AddSingleton<AuditTrail>();
        services.AddHealthChecks().AddCheck<Iom.Functions.Audit.AuditKeyHealthCheck>(Iom.Functions.Audit.AuditKeyHealthCheck.Name);
        services.AddSingleton<ReadAuditLog>();
        services.AddSingleton<VerifyAuditChains>();
        services.AddSingleton<AnchorChainHeads>();
        services.AddSingleton<ExportPerson>();
        services.AddSingleton<FindPeople>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApplyRetention>();
        services.AddSingleton<SubmitReferralHandler>();
        services.AddSingleton<Iom.Application.Releases.RecordReleaseNotification>();
        services.AddSingleton<GetReferralHandler>();
        services.AddSingleton<ListReferralsHandler>();
        foreach (var rule in ObjectRules.All)
        {
            services.AddSingleton(rule);
        }

        services.AddSingleton<WithdrawReferralHandler>();
        services.AddSingleton<CreateMeetingsHandler>();
        services.AddSingleton<ListMeetingsHandler>();
        services.AddSingleton<GetMeetingHandler>();
        services.AddSingleton<Iom.Application.Panels.Packs.GetAgendaPackHandler>();
        services.AddSingleton<ChangeMeetingHandler>();
        services.AddSingleton<ReferralRelisting>();
        services.AddSingleton<SaveMinutesHandler>();
        services.AddSingleton<GetMinutesHandler>();
        services.AddSingleton<FinaliseMinutesHandler>();
        services.AddSingleton<ApplyMinutes>();
        services.AddSingleton<PublishCohortEvent>();
        services.AddSingleton<Iom.Application.Releases.Custody.ApplyReleaseToCustody>();
        services.AddSingleton<Iom.Application.Releases.Custody.StoreReleaseReminders>();
        services.AddSingleton<Iom.Application.Releases.Custody.SendDueReleaseReminders>();
        services.AddSingleton<RelistAwaitingReferrals>();
        services.AddSingleton<MoveMeetingsApart>();
        services.AddSingleton<ReferralListingUpkeep>();
        services.AddSingleton<AcknowledgeReferral>();
        services.AddSingleton<Iom.Application.Panels.Actions.ListActionsHandler>();
        services.AddSingleton<Iom.Application.Panels.Actions.GetActionHandler>();
        services.AddSingleton<Iom.Application.Panels.Actions.CompleteActionHandler>();
        services.AddSingleton<Iom.Application.Panels.Actions.ActionReminders>();
        services.AddSingleton<Iom.Application.Cohort.Lookup.CohortLookup>();
        Iom.Functions.Releases.ReleaseMatchingServices.AddReleaseMatching(services);
    }

    // The local authority's wards: validated at start-up, then one list the intake, the form, reads and the mapping share.
    private static void AddWards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WardsOptions>().Configure(o => configuration.GetSection(WardsOptions.SectionName).Bind(o.Wards)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WardsOptions>, WardsOptionsValidator>();
        services.AddSingleton(sp => new WardList(sp.GetRequiredService<IOptions<WardsOptions>>().Value.ToWards()));
        services.AddSingleton<MapStoredWards>();
    }

    // The partner agencies: validated at start-up, then one list the intake, the rollups, the dashboard and the local
    // host's sign-in share.
    private static void AddAgencies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgenciesOptions>().Configure(o => configuration.GetSection(AgenciesOptions.SectionName).Bind(o.Agencies)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgenciesOptions>, AgenciesOptionsValidator>();
        services.AddSingleton(sp => new AgencyList(sp.GetRequiredService<IOptions<AgenciesOptions>>().Value.ToAgencies()));
    }

    // Panel membership is data with dated history; configuration only seeds a panel never changed.
    private static void AddPanelMembership(this IServiceCollection services)
    {
        services.AddSingleton<PanelMembershipSeed>();
        services.AddSingleton<PanelMembershipStore>();
        services.AddSingleton<IPanelRosters, StoredPanelRosters>();
        services.AddSingleton<PanelSeats>();
        services.AddSingleton<PanelMembersHandler>();
    }
}
