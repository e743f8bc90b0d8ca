using Pipeline.LocalHost;

var app = LocalHostApplication.Create(args);
await app.RunAsync();
