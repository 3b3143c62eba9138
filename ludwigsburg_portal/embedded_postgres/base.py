from pathlib import Path

from django.db.backends.postgresql import base as postgresql

from . import ensure_server


class DatabaseWrapper(postgresql.DatabaseWrapper):
    """PostgreSQL backend that brings up the embedded server before connecting.

    ``OPTIONS["data_dir"]`` names the data directory; HOST is filled in with the
    server's socket directory once it runs.
    """

    def get_connection_params(self):
        options = self.settings_dict["OPTIONS"]
        # The application database (not the test database, which Django's test
        # runner creates itself) is created on first start.
        host = ensure_server(Path(options["data_dir"]), options["app_database"])
        self.settings_dict["HOST"] = host
        params = super().get_connection_params()
        params.pop("data_dir", None)
        params.pop("app_database", None)
        params["host"] = host
        return params
