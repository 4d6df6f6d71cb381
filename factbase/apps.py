from django.apps import AppConfig


class FactbaseConfig(AppConfig):
    name = "factbase"
    verbose_name = "Fact-check desk"
    default_auto_field = "django.db.models.BigAutoField"
