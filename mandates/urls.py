from django.urls import path

from mandates import views

app_name = "mandates"

urlpatterns = [
    path("", views.overview, name="overview"),
]
