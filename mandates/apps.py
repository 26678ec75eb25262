from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = "Mandates"
    default_auto_field = "django.db.models.BigAutoField"
