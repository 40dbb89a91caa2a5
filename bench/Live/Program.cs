// Live-configuration benchmarks, run by bench/live.sh against ConfigAdmin nodes it started:
//   --mode waiters      N long polls parked on one node: memory per waiter, then one write and each waiter's delay
//   --mode propagation  a long poll and a plain read on node B, a write through node A, repeated: the delays
//   --mode fleet        N ConfigAdmin.Client providers in this process (N on each node with --url-b): writes, and the delay until each reloaded
//   --mode history      an application with 2,000 keys and 50,000 revisions: at= reads, restore dry run and restore
//   --mode pages        every admin page and tab, signed in, on the bench/pages.sh data set: each GET's time
//   --mode rollout-setup  two applications alike, one with a rollout at 50 %: their read paths to --paths-file
//   --mode rollback     N instances parked on what a 99 % rollout served them; one reports failing: each one's delay
using Bench.Live;
using Microsoft.Extensions.Configuration;

var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
var options = new BenchOptions(settings);
return settings["mode"] switch
{
    "waiters" => await Waiters.RunAsync(options),
    "propagation" => await Propagation.RunAsync(options),
    "fleet" => await Fleet.RunAsync(options),
    "history" => await History.RunAsync(options),
    "pages" => await Pages.RunAsync(options),
    "rollout-setup" => await Rollouts.SetupAsync(options, settings["paths-file"] ?? throw new ArgumentException("--paths-file is required")),
    "rollback" => await Rollouts.RollbackAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Live --mode waiters|propagation|fleet|history|pages|rollout-setup|rollback --url <node> [--url-b <node>] --admin-key <key> --read-key <key> [--n N]");
    return 2;
}
