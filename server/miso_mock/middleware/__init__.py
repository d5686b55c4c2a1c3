"""Small ASGI middlewares, each one concern, composed around Connexion in `miso_mock.app`."""
