Rails.application.config.middleware.use OmniAuth::Builder do
  provider :google_oauth2, ENV["GOOGLE_ID"], ENV["GOOGLE_SECRET"],
           scope: "email profile https://mail.google.com/"
  provider :microsoft_graph, ENV["MS_ID"], ENV["MS_SECRET"],
           scope: "openid offline_access Mail.ReadWrite Mail.Send"
end
