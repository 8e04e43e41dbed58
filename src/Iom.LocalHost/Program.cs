using Iom.LocalHost;

await LocalHostApp.Build(args).RunAsync();
